import { pipeline, type Readable } from 'node:stream';
import type { Descriptor } from '../model/descriptors';
import { verifyingStream } from '../model/digest';

/** Records the first error of the content being uploaded (as opposed to errors of the network). */
export interface SourceState {
  error: unknown;
}

/** Size of the pieces a request body is handed to `fetch` in, so stalls are noticed. */
export const BODY_SLICE = 256 * 1024;

/**
 * The content `open` gives (opened on first read, so nothing leaks if it is never read), verified
 * against `descriptor` on the way: a mismatch fails the upload before the registry commits it.
 * Errors of the content (not of the network) are recorded in `state`.
 */
export async function* verifiedContent(
  open: () => Promise<Readable>,
  descriptor: Descriptor,
  where: string,
  state: SourceState,
): AsyncGenerator<Uint8Array> {
  const verify = verifyingStream(descriptor, where);
  try {
    pipeline(await open(), verify, () => {});
    for await (const chunk of verify) yield chunk as Uint8Array;
  } catch (error) {
    state.error ??= error;
    throw error;
  } finally {
    if (!verify.destroyed) verify.destroy();
  }
}

/** Drops the first `count` bytes of a byte stream. */
export async function* skipBytes(
  source: AsyncIterable<Uint8Array>,
  count: number,
): AsyncGenerator<Uint8Array> {
  let left = count;
  for await (const chunk of source) {
    if (left >= chunk.byteLength) {
      left -= chunk.byteLength;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

/** Regroups a byte stream into pieces of exactly `size` bytes (the last one may be shorter). */
export async function* fixedChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
    while (length >= size) {
      const all = Buffer.concat(pending, length);
      yield all.subarray(0, size);
      const rest = all.subarray(size);
      pending = rest.byteLength > 0 ? [rest] : [];
      length = rest.byteLength;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

/**
 * Re-cuts a byte stream into slices of at most `BODY_SLICE` bytes (so a stall is noticed within one
 * slice), calling `onSent` with the running byte count after each slice is taken.
 */
export async function* sliced(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  onSent?: (sent: number) => void,
): AsyncGenerator<Uint8Array> {
  let sent = 0;
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.byteLength; offset += BODY_SLICE) {
      const slice = chunk.subarray(offset, Math.min(chunk.byteLength, offset + BODY_SLICE));
      yield slice;
      sent += slice.byteLength;
      onSent?.(sent);
    }
  }
}
