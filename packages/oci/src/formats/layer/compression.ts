import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { UnsupportedCompressionError } from '../errors';

/** How a layer (or an archive) is compressed, as told by its first bytes. */
export type Compression = 'gzip' | 'zstd' | 'none';

/** Identifies gzip (1f 8b) and zstd (28 b5 2f fd) by their magic numbers; anything else is taken as plain. */
export function detectCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** A zstd decompressor when this Node has one (zlib gained zstd in Node 22.15 / 23.8). */
function zstdDecompressor(): Transform | undefined {
  const factory = (zlib as unknown as Record<string, unknown>).createZstdDecompress;
  return typeof factory === 'function' ? (factory as () => Transform)() : undefined;
}

/** A stream of decompressed bytes for `compression`; `where` names the content in errors. */
export function decompressor(compression: Compression, where: string): Transform | undefined {
  if (compression === 'gzip') return zlib.createGunzip();
  if (compression === 'zstd') {
    const zstd = zstdDecompressor();
    if (!zstd) throw new UnsupportedCompressionError(where, 'zstd');
    return zstd;
  }
  return undefined;
}

/**
 * Reads the first bytes of `input` to find its compression, and returns the decompressed stream.
 * Errors of `input` reach the returned stream, so a verifying input still fails the reader.
 */
export async function openDecompressed(
  input: AsyncIterable<Uint8Array>,
  where: string,
): Promise<{ compression: Compression; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let buffered = 0;
  let done = false;
  while (buffered < 4) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(Buffer.from(next.value));
    buffered += next.value.byteLength;
  }
  const first = Buffer.concat(head);
  const compression = detectCompression(first);
  const transform = decompressor(compression, where);
  async function* all(): AsyncGenerator<Buffer> {
    if (first.byteLength > 0) yield first;
    while (!done) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  }
  const source = Readable.from(all());
  if (!transform) return { compression, stream: source };
  pipeline(source, transform).catch((error: unknown) => transform.destroy(error as Error));
  return { compression, stream: transform };
}
