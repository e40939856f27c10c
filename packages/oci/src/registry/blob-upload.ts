import type { Descriptor } from '../model/descriptors';
import { RegistryError } from './registry-error';
import { errorContext, type RepositoryContext } from './repository-context';
import { RetryableFailure, withRetry } from './retry';
import { pushScope } from './scopes';
import { discardBody } from './timed-fetch';
import { fixedChunks, type SourceState, skipBytes, sliced, verifiedContent } from './upload-body';
import {
  checkBlobDigest,
  locationOf,
  type OpenBlob,
  rangeEnd,
  resumeUpload,
  startUpload,
  type UploadSession,
  withDigest,
} from './upload-session';

/**
 * Uploads a blob: one POST then one PUT with the whole content (`chunkSize` 0), or PATCH chunks with
 * `Content-Range` following the registry's `Location` and `Range`. A reset, timeout, 429 or 5xx is
 * retried with backoff, re-opening the content; chunked uploads resume where the registry says it is.
 */
export async function putBlob(
  repo: RepositoryContext,
  descriptor: Descriptor,
  open: OpenBlob,
  openedLocation?: string,
): Promise<void> {
  checkBlobDigest(descriptor);
  const operation = `upload blob ${descriptor.digest}`;
  const onProgress = repo.http.options.onProgress;
  const progress = (bytes: number) =>
    onProgress?.({ direction: 'upload', digest: descriptor.digest, bytes, total: descriptor.size });
  const where = `upload to ${repo.registry}/${repo.repository}`;
  const chunkSize = repo.http.options.chunkSize;
  let session: UploadSession | undefined = openedLocation
    ? { location: openedLocation, offset: 0 }
    : undefined;
  await withRetry(repo.http.options.retry, async (attempt) => {
    if (attempt > 1 && session)
      session = chunkSize > 0 ? await resumeUpload(repo, operation, session) : undefined;
    session ??= { location: await startUpload(repo, operation), offset: 0 };
    const current = session;
    const state: SourceState = { error: undefined };
    const opened: AsyncGenerator<Uint8Array>[] = [];
    const content = () => {
      const generator = verifiedContent(open, descriptor, where, state);
      opened.push(generator);
      return generator;
    };
    try {
      if (chunkSize === 0) {
        session = undefined; // a failed monolithic PUT leaves nothing to resume
        const timed = await repo.http.send({
          operation,
          repository: repo.repository,
          method: 'PUT',
          url: withDigest(current.location, descriptor),
          scopes: [pushScope(repo.repository)],
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(descriptor.size) },
          body: async () => sliced(content(), progress),
          expect: [201, 204],
        });
        await discardBody(timed);
        return;
      }
      for await (const chunk of fixedChunks(skipBytes(content(), current.offset), chunkSize)) {
        await sendChunk(repo, operation, current, chunk, progress);
      }
      const timed = await repo.http.send({
        operation,
        repository: repo.repository,
        method: 'PUT',
        url: withDigest(current.location, descriptor),
        scopes: [pushScope(repo.repository)],
        headers: { 'content-type': 'application/octet-stream' },
        body: async () => new Uint8Array(0),
        expect: [201, 204],
      });
      await discardBody(timed);
    } catch (error) {
      if (state.error !== undefined) throw state.error;
      throw error;
    } finally {
      // Not awaited: a generator still inside `fetch` finishes its step first.
      for (const generator of opened) generator.return(undefined).catch(() => {});
    }
  });
}

async function sendChunk(
  repo: RepositoryContext,
  operation: string,
  session: UploadSession,
  chunk: Uint8Array,
  progress: (bytes: number) => void,
): Promise<void> {
  const start = session.offset;
  const end = start + chunk.byteLength;
  const timed = await repo.http.send({
    operation,
    repository: repo.repository,
    method: 'PATCH',
    url: session.location,
    scopes: [pushScope(repo.repository)],
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(chunk.byteLength),
      'content-range': `${start}-${end - 1}`,
    },
    body: async () => sliced([chunk], (sent) => progress(start + sent)),
    expect: [202, 204],
  });
  await discardBody(timed);
  session.location = locationOf(timed) ?? session.location;
  const held = rangeEnd(timed.response.headers.get('range'), end);
  if (held !== undefined && held !== end) {
    throw new RetryableFailure(
      new RegistryError(
        errorContext(repo, operation),
        `${operation} on ${repo.registry}/${repo.repository}: after a chunk the registry holds ${held} bytes, not ${end}`,
      ),
    );
  }
  session.offset = end;
}
