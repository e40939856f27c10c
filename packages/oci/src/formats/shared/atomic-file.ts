import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary path beside `path` (same directory, so the final rename is atomic on one filesystem). */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.slipway-tmp-${randomBytes(6).toString('hex')}`);
}

/**
 * Produces `path` atomically: `produce` writes a temporary file beside it, which is renamed over `path`
 * only when it succeeds, so readers never see a half-written file and a failure leaves no debris.
 */
export async function writeAtomically<T>(
  path: string,
  produce: (temporary: string) => Promise<T>,
): Promise<T> {
  const temporary = temporaryPathFor(path);
  try {
    const result = await produce(temporary);
    await rename(temporary, path);
    return result;
  } catch (error) {
    await rm(temporary, { force: true, recursive: true });
    throw error;
  }
}

/** Writes bytes to `path` atomically. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  return writeAtomically(path, (temporary) => writeFile(temporary, bytes));
}
