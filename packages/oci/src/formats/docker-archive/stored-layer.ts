import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Descriptor, Digest } from '../../model/descriptors';
import { DigestMismatchError } from '../../model/digest';
import { MediaType } from '../../model/media-types';
import { MissingBlobError } from '../errors';
import { type Compression, openDecompressed } from '../layer/compression';
import type { TarArchive } from '../tar/tar-archive';

/** A layer file of a docker-archive and the registry-shaped blob it is presented as. */
export interface StoredLayer {
  readonly path: string;
  /** How the file is stored; `none` is gzip-compressed on the fly when served. */
  readonly compression: Compression;
  /** The compressed blob: the file itself, or its deterministic gzip. */
  readonly descriptor: Descriptor;
  readonly diffId: Digest;
}

const LAYER_TYPES: Record<Compression, string> = {
  gzip: MediaType.dockerLayerGzip,
  none: MediaType.dockerLayerGzip,
  zstd: MediaType.ociLayerZstd,
};

// `docker save` since 25 and OCI-style writers name blobs by digest; such a name is checked too.
const DIGEST_PATH = /(?:^|\/)blobs\/sha256\/([a-f0-9]{64})$/;

async function hashAll(
  input: AsyncIterable<Buffer>,
  sink?: (chunk: Buffer) => Promise<void> | undefined,
): Promise<{ digest: Digest; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of input) {
    hash.update(chunk);
    size += chunk.byteLength;
    await sink?.(chunk);
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** Serves a stored layer as its compressed blob: the file itself, or gzip at `level` (same bytes each time). */
export function compressedStream(archive: TarArchive, layer: StoredLayer, gzipLevel: number): Readable {
  const stored = archive.openFile(layer.path);
  if (!stored) throw new MissingBlobError(archive.name, layer.path);
  if (layer.compression !== 'none') return stored;
  const gzip = createGzip({ level: gzipLevel });
  pipeline(stored, gzip).catch((error: unknown) => gzip.destroy(error as Error));
  return gzip;
}

/**
 * Reads a layer file once: checks its uncompressed digest against the config's diff_id (and its name, when
 * the name is a digest) and computes the descriptor of the blob `compressedStream` will serve.
 */
export async function inspectStoredLayer(
  archive: TarArchive,
  path: string,
  diffId: Digest,
  gzipLevel: number,
): Promise<StoredLayer> {
  const where = `${archive.name} layer ${path}`;
  const stored = archive.openFile(path);
  if (!stored)
    throw new MissingBlobError(
      archive.name,
      path,
      `\`manifest.json\` names \`${path}\`, absent from the archive`,
    );
  const storedHash = createHash('sha256');
  let storedSize = 0;
  async function* tap(): AsyncGenerator<Buffer> {
    for await (const chunk of stored as AsyncIterable<Buffer>) {
      storedHash.update(chunk);
      storedSize += chunk.byteLength;
      yield chunk;
    }
  }
  const { compression, stream } = await openDecompressed(tap(), where);
  let uncompressed: { digest: Digest; size: number };
  let descriptor: Descriptor;
  if (compression === 'none') {
    const gzip = createGzip({ level: gzipLevel });
    const compressed = hashAll(gzip);
    // Honour backpressure: reading is faster than deflate, and a layer can be gigabytes.
    uncompressed = await hashAll(stream, (chunk) =>
      gzip.write(chunk) ? undefined : once(gzip, 'drain').then(() => {}),
    );
    gzip.end();
    const blob = await compressed;
    descriptor = { mediaType: LAYER_TYPES.none, digest: blob.digest, size: blob.size };
  } else {
    uncompressed = await hashAll(stream);
    descriptor = {
      mediaType: LAYER_TYPES[compression],
      digest: `sha256:${storedHash.digest('hex')}`,
      size: storedSize,
    };
  }
  const storedDigest = compression === 'none' ? uncompressed.digest : descriptor.digest;
  if (uncompressed.digest !== diffId) {
    const expected = { mediaType: MediaType.ociLayer, digest: diffId, size: uncompressed.size };
    throw new DigestMismatchError(
      expected,
      uncompressed.digest,
      uncompressed.size,
      `${where} (config diff_id)`,
    );
  }
  const named = DIGEST_PATH.exec(path)?.[1];
  if (named !== undefined && storedDigest !== `sha256:${named}`) {
    throw new DigestMismatchError(
      { ...descriptor, digest: `sha256:${named}`, size: storedSize },
      storedDigest,
      storedSize,
      where,
    );
  }
  return { path, compression, descriptor, diffId };
}
