import { Readable } from 'node:stream';
import { hostPlatform } from '../../copy/plan';
import {
  type WrittenDockerArchive,
  writeDockerArchive,
} from '../../formats/docker-archive/write-docker-archive';
import { ImageNotFoundError, MissingBlobError } from '../../formats/errors';
import type { LayerBlob } from '../../formats/layer/layer-entry';
import { writeOciArchive } from '../../formats/oci-layout/write-oci-archive';
import { type WrittenImage, writeOciLayout } from '../../formats/oci-layout/write-oci-layout';
import { verified } from '../../formats/shared/read-blob';
import type { Descriptor, Digest, ImageConfig, Platform, RawManifest } from '../../model/descriptors';
import { isDigest, sha256Digest } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import { parseImageReference } from '../../reference/parse-reference';

/**
 * An image (or multi-platform index) held in memory, usable wherever an ImageSource is: push it, copy it,
 * or write it to disk with the helpers. `getManifest()` and `getManifest(reference | tag)` give the top
 * manifest; `getManifest(digest)` any manifest in it.
 */
export class MemoryImage implements ImageSource {
  readonly name: string;

  constructor(
    /** Full name and tag, `slipway.test/busybox:latest`. */
    readonly reference: string,
    /** The top manifest (an index for `imageIndex` results). */
    readonly manifest: RawManifest,
    private readonly blobs: ReadonlyMap<string, Buffer>,
    private readonly manifests: ReadonlyMap<string, RawManifest>,
    /** The config of a single-platform image (undefined for an index). */
    readonly config?: ImageConfig,
    /** The layers of a single-platform image, base first (empty for an index). */
    readonly layers: readonly LayerBlob[] = [],
  ) {
    this.name = `memory:${reference}`;
  }

  /** The tag part of `reference` (`latest`): the ref name used in OCI layouts. */
  get tag(): string {
    return parseImageReference(this.reference).tag ?? 'latest';
  }

  async getManifest(reference?: string): Promise<RawManifest> {
    if (reference === undefined || reference === this.reference || reference === this.tag)
      return this.manifest;
    const found = isDigest(reference) ? this.manifests.get(reference) : undefined;
    if (!found) throw new ImageNotFoundError(this.name, reference, [this.reference, this.manifest.digest]);
    return found;
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const bytes = this.blobs.get(descriptor.digest);
    if (!bytes) throw new MissingBlobError(this.name, descriptor.digest);
    return verified(Readable.from([bytes]), descriptor, `${this.name} blob ${descriptor.digest}`);
  }

  /** All blobs and manifests, for combining images into an index. */
  contents(): { blobs: ReadonlyMap<string, Buffer>; manifests: ReadonlyMap<string, RawManifest> } {
    return { blobs: this.blobs, manifests: this.manifests };
  }

  /** Writes the image into an OCI layout directory under ref name `tag` (default: this image's tag). */
  writeOciLayout(dir: string, tag = this.tag): Promise<WrittenImage> {
    return writeOciLayout(dir, this, { tag });
  }

  /** Writes the image as an oci-archive tar under ref name `tag` (default: this image's tag). */
  writeOciArchive(path: string, tag = this.tag): Promise<WrittenImage> {
    return writeOciArchive(path, this, { tag });
  }

  /** Writes the image as a `docker load` tar named `tags` (default: this image's reference). */
  writeDockerArchive(
    path: string,
    tags: readonly string[] = [this.reference],
  ): Promise<WrittenDockerArchive> {
    return writeDockerArchive(path, this, { tags });
  }
}

/** What goes into an image besides its layers. */
export interface AssembleImageOptions {
  /** Full name and tag; default `slipway.test/image:latest`. */
  reference?: string;
  /** Platform written into the config; default: this machine's linux platform. */
  platform?: Platform;
  /** The `config` section (Cmd, Env, …). */
  config?: ImageConfig['config'];
  /** One `created_by` line per layer, for `history`. */
  history?: readonly string[];
  /** `oci` (default) or `docker` schema-2 media types. */
  mediaTypes?: 'oci' | 'docker';
}

function rawManifest(mediaType: string, value: unknown): RawManifest {
  const bytes = Buffer.from(JSON.stringify(value));
  return { mediaType, digest: sha256Digest(bytes), bytes };
}

/** Assembles layers into a single-platform image: config (created at the epoch), manifest, blobs. */
export function assembleImage(layers: readonly LayerBlob[], options: AssembleImageOptions = {}): MemoryImage {
  const docker = options.mediaTypes === 'docker';
  const platform = options.platform ?? hostPlatform();
  const created = '1970-01-01T00:00:00Z';
  const config: ImageConfig = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created,
    config: options.config ?? {},
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: layers.map((_, i) => ({ created, created_by: options.history?.[i] ?? 'slipway assembleImage' })),
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDescriptor: Descriptor = {
    mediaType: docker ? MediaType.dockerConfig : MediaType.ociConfig,
    digest: sha256Digest(configBytes),
    size: configBytes.byteLength,
  };
  const layerType = docker ? MediaType.dockerLayerGzip : undefined;
  const manifest = rawManifest(docker ? MediaType.dockerManifest : MediaType.ociManifest, {
    schemaVersion: 2,
    mediaType: docker ? MediaType.dockerManifest : MediaType.ociManifest,
    config: configDescriptor,
    layers: layers.map((layer) => ({ ...layer.descriptor, ...(layerType ? { mediaType: layerType } : {}) })),
  });
  const blobs = new Map<Digest, Buffer>([[configDescriptor.digest, configBytes]]);
  for (const layer of layers) blobs.set(layer.descriptor.digest, layer.bytes);
  const reference = options.reference ?? 'slipway.test/image:latest';
  return new MemoryImage(reference, manifest, blobs, new Map([[manifest.digest, manifest]]), config, layers);
}

/** Combines single-platform images into a multi-platform OCI index (each entry's platform from its config). */
export function imageIndex(
  images: readonly MemoryImage[],
  reference = 'slipway.test/index:latest',
): MemoryImage {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, RawManifest>();
  const entries = images.map((image) => {
    for (const [digest, bytes] of image.contents().blobs) blobs.set(digest, bytes);
    for (const [digest, raw] of image.contents().manifests) manifests.set(digest, raw);
    const { architecture, os, variant } = image.config ?? hostPlatform();
    return {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
      platform: { architecture, os, ...(variant ? { variant } : {}) },
    };
  });
  const index = rawManifest(MediaType.ociIndex, {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: entries,
  });
  manifests.set(index.digest, index);
  return new MemoryImage(reference, index, blobs, manifests);
}
