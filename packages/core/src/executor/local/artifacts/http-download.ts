import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ArtifactError } from '../errors';

/** Downloads `url` into the file `path` (an `http` input artifact); a non-2xx answer is an error. */
export async function httpDownload(url: string, path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new ArtifactError(`cannot download ${url}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    throw new ArtifactError(
      `cannot download ${url}: the server answered ${response.status} ${response.statusText}`,
    );
  }
  await pipeline(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    createWriteStream(path, { mode: 0o644 }),
  );
}
