import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Descriptor } from '../../model/descriptors';
import { verifyingStream } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MalformedManifestError } from '../errors';

/** Configs and manifests are small; a descriptor claiming more is refused before anything is read. */
export const MAX_JSON_BLOB = 64 * 1024 * 1024;

/**
 * `stream` passed through a digest check against `descriptor`: the result fails with DigestMismatchError
 * at the end (or as soon as there are too many bytes) instead of delivering unverified content.
 */
export function verified(stream: Readable, descriptor: Descriptor, where: string): Readable {
  const check = verifyingStream(descriptor, where);
  pipeline(stream, check).catch((error: unknown) => check.destroy(error as Error));
  return check;
}

/** Opens a blob of `source` and verifies it while it is read. */
export async function openVerifiedBlob(source: ImageSource, descriptor: Descriptor): Promise<Readable> {
  return verified(await source.openBlob(descriptor), descriptor, `${source.name} blob ${descriptor.digest}`);
}

/** Reads a small blob (config, manifest) of `source` into memory, verified against its descriptor. */
export async function readVerifiedBlob(source: ImageSource, descriptor: Descriptor): Promise<Buffer> {
  if (descriptor.size > MAX_JSON_BLOB) {
    throw new MalformedManifestError(
      source.name,
      `blob ${descriptor.digest} is ${descriptor.size} bytes; configs and manifests over ${MAX_JSON_BLOB} are refused`,
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await openVerifiedBlob(source, descriptor)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
