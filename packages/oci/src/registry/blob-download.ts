import { pipeline, type Readable, Readable as ReadableStream } from 'node:stream';
import type { Descriptor } from '../model/descriptors';
import { verifyingStream } from '../model/digest';
import { rootCause } from './network-errors';
import { RegistryError } from './registry-error';
import { errorContext, type RepositoryContext } from './repository-context';
import { pullScope } from './scopes';
import { bodyChunks } from './timed-fetch';
import { checkBlobDigest } from './upload-session';

/** Whether the repository has the blob (HEAD). */
export async function hasBlob(repo: RepositoryContext, descriptor: Descriptor): Promise<boolean> {
  checkBlobDigest(descriptor);
  const timed = await repo.http.request({
    operation: `check blob ${descriptor.digest}`,
    repository: repo.repository,
    method: 'HEAD',
    url: `/v2/${repo.repository}/blobs/${descriptor.digest}`,
    scopes: [pullScope(repo.repository)],
    expect: [200, 404],
    followRedirects: true,
  });
  await timed.response.body?.cancel().catch(() => {});
  return timed.response.status === 200;
}

/**
 * Opens a blob for reading, following redirects to blob storage (without the registry's credentials).
 * The stream fails with `DigestMismatchError` if the content is not the descriptor's, and with a
 * `RegistryError` if the transfer breaks or stalls; getting the response is retried, the body is not.
 */
export async function openBlob(repo: RepositoryContext, descriptor: Descriptor): Promise<Readable> {
  checkBlobDigest(descriptor);
  const operation = `get blob ${descriptor.digest}`;
  const context = errorContext(repo, operation);
  const timed = await repo.http.request({
    operation,
    repository: repo.repository,
    method: 'GET',
    url: `/v2/${repo.repository}/blobs/${descriptor.digest}`,
    scopes: [pullScope(repo.repository)],
    expect: [200],
    followRedirects: true,
  });
  const announced = timed.response.headers.get('content-length');
  if (announced !== null && Number(announced) !== descriptor.size) {
    await timed.response.body?.cancel().catch(() => {});
    throw new RegistryError(
      context,
      `${operation} on ${repo.registry}/${repo.repository}: the registry sends ${announced} bytes but the descriptor says ${descriptor.size}; the descriptor or the registry is wrong`,
    );
  }
  const { stallMs } = repo.http.options.timeouts;
  const onProgress = repo.http.options.onProgress;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let bytes = 0;
    try {
      for await (const chunk of bodyChunks(timed, stallMs)) {
        bytes += chunk.byteLength;
        onProgress?.({ direction: 'download', digest: descriptor.digest, bytes, total: descriptor.size });
        yield chunk;
      }
    } catch (error) {
      const { code, message } = rootCause(error);
      throw new RegistryError(
        context,
        `${operation} on ${repo.registry}/${repo.repository}: the download broke after ${bytes} of ${descriptor.size} bytes (${code ? `${code}: ` : ''}${message}); pull again`,
        { cause: error },
      );
    }
  }
  const verify = verifyingStream(descriptor, `${repo.registry}/${repo.repository}@${descriptor.digest}`);
  pipeline(ReadableStream.from(chunks(), { objectMode: false }), verify, () => {});
  return verify;
}
