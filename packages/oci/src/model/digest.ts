import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { OciError } from '../errors';
import type { Descriptor, Digest } from './descriptors';

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Content whose digest or size does not match its descriptor. */
export class DigestMismatchError extends OciError {
  constructor(
    readonly expected: Descriptor,
    readonly actualDigest: string,
    readonly actualSize: number,
    where: string,
  ) {
    super(
      'SLIPWAY_OCI_DIGEST_MISMATCH',
      `${where}: content of ${expected.digest} (${expected.size} bytes) does not match: got ${actualDigest} (${actualSize} bytes); it was rejected`,
    );
  }
}

/** Checks that a string is a digest Slipway can verify. */
export function isDigest(value: string): value is Digest {
  return DIGEST.test(value);
}

/** sha256 digest of bytes. */
export function sha256Digest(bytes: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function algorithmOf(digest: string): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

/** Verifies bytes already in memory against a descriptor. */
export function verifyBytes(bytes: Uint8Array, expected: Descriptor, where: string): void {
  const algorithm = algorithmOf(expected.digest);
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
  if (actual !== expected.digest || bytes.byteLength !== expected.size) {
    throw new DigestMismatchError(expected, actual, bytes.byteLength, where);
  }
}

/** A pass-through stream that fails with DigestMismatchError at the end if the content is not `expected`. */
export function verifyingStream(expected: Descriptor, where: string): Transform {
  const algorithm = algorithmOf(expected.digest);
  const hash = createHash(algorithm);
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.byteLength;
      if (size > expected.size) {
        callback(new DigestMismatchError(expected, 'more bytes than declared', size, where));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = `${algorithm}:${hash.digest('hex')}`;
      if (actual !== expected.digest || size !== expected.size) {
        callback(new DigestMismatchError(expected, actual, size, where));
        return;
      }
      callback();
    },
  });
}
