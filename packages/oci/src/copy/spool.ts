import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Descriptor } from '../model/descriptors';
import type { ImageSource } from '../model/image-store';

/** A blob read once from its source and verified, ready to be sent to any number of destinations. */
export interface SpooledBlob {
  /** A fresh stream of the blob's bytes; may be called any number of times (one per destination and retry). */
  open(): Promise<Readable>;
  /** Frees the memory or temporary file. */
  release(): Promise<void>;
}

/** Options for spooling. */
export interface SpoolOptions {
  /** Blobs up to this size stay in memory; larger ones go to a temporary file. */
  readonly memoryLimit: number;
  readonly signal?: AbortSignal;
}

/**
 * Reads a blob from the source exactly once (sources verify what they deliver, so a corrupt blob fails here
 * before any destination sees it), so that N destinations cost one read.
 */
export async function spoolBlob(
  source: ImageSource,
  descriptor: Descriptor,
  options: SpoolOptions,
): Promise<SpooledBlob> {
  const input = await source.openBlob(descriptor);
  if (descriptor.size <= options.memoryLimit) {
    const chunks: Buffer[] = [];
    await pipeline(
      input,
      async function* collect(stream) {
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        yield* [];
      },
      { signal: options.signal },
    );
    const bytes = Buffer.concat(chunks);
    return { open: async () => Readable.from([bytes]), release: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'slipway-blob-'));
  const file = join(dir, 'blob');
  try {
    await pipeline(input, createWriteStream(file), { signal: options.signal });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    open: async () => createReadStream(file, { highWaterMark: 1 << 20 }),
    release: () => rm(dir, { recursive: true, force: true }),
  };
}
