import { writeFile } from 'node:fs/promises';
import { type CopyDestination, type CopyEvent, type CopyResult, copyImage } from '../copy/copy-image';
import { writeDockerArchive } from '../formats/docker-archive/write-docker-archive';
import { writeOciLayout } from '../formats/oci-layout/write-oci-layout';
import type { Digest } from '../model/descriptors';
import type { BuiltImage } from './image/built-image';

/** Where a built image goes: registries (through the copy engine), a docker-archive tar, an OCI layout. */
export interface PublishOptions {
  readonly destinations?: readonly CopyDestination[];
  /** `docker load` tar; its names are `tarTags` (default: none). */
  readonly tarPath?: string;
  readonly tarTags?: readonly string[];
  /** OCI layout directory, the image under ref name `ociLayoutTag` (default `latest`). */
  readonly ociLayoutPath?: string;
  readonly ociLayoutTag?: string;
  /** A file to write the manifest digest into. */
  readonly digestFile?: string;
  readonly onCopyEvent?: (event: CopyEvent) => void;
}

/** What was published: the digest and, when pushed, each destination's result. */
export interface PublishResult {
  readonly digest: Digest;
  readonly pushed?: CopyResult;
}

/** Writes a built image to every output asked for. A failed destination fails the whole publish. */
export async function publishImage(image: BuiltImage, options: PublishOptions): Promise<PublishResult> {
  let pushed: CopyResult | undefined;
  if (options.destinations && options.destinations.length > 0) {
    pushed = await copyImage(
      image,
      options.destinations,
      options.onCopyEvent ? { onEvent: options.onCopyEvent } : {},
    );
    const failed = pushed.destinations.find((destination) => !destination.ok);
    if (failed?.error) throw failed.error;
  }
  if (options.tarPath) await writeDockerArchive(options.tarPath, image, { tags: options.tarTags ?? [] });
  if (options.ociLayoutPath)
    await writeOciLayout(options.ociLayoutPath, image, { tag: options.ociLayoutTag ?? 'latest' });
  if (options.digestFile) await writeFile(options.digestFile, image.digest);
  return { digest: image.digest, ...(pushed ? { pushed } : {}) };
}
