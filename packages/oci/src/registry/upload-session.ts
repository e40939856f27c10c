import type { Readable } from 'node:stream';
import { InvalidReferenceError } from '../errors';
import type { Descriptor } from '../model/descriptors';
import { isDigest } from '../model/digest';
import { RegistryError } from './registry-error';
import { errorContext, type RepositoryContext } from './repository-context';
import { RetryableFailure } from './retry';
import { pushScope } from './scopes';
import { discardBody, type TimedResponse } from './timed-fetch';

/** An upload session on the registry: where to send the next bytes, and how many it has. */
export interface UploadSession {
  location: string;
  offset: number;
}

/** Gives back the same bytes each time it is called (uploads are retried from the start or resumed). */
export type OpenBlob = () => Promise<Readable>;

/** Checks that a descriptor's digest is one Slipway can verify; throws `InvalidReferenceError`. */
export function checkBlobDigest(descriptor: Descriptor): void {
  if (!isDigest(descriptor.digest)) {
    throw new InvalidReferenceError(
      descriptor.digest,
      'a blob digest is sha256:<64 hex> or sha512:<128 hex>',
    );
  }
}

/** The absolute URL of a response's `Location`, resolved against the request. */
export function locationOf(timed: TimedResponse): string | undefined {
  const location = timed.response.headers.get('location');
  return location ? new URL(location, timed.url).toString() : undefined;
}

/** The upload URL with `digest=` added, to close the upload. */
export function withDigest(location: string, descriptor: Descriptor): string {
  const url = new URL(location);
  url.searchParams.set('digest', descriptor.digest);
  return url.toString();
}

/**
 * The byte count an upload `Range` header (`0-1023`) says the registry holds. Distribution reports an
 * empty upload as `0-0` too, so `0-0` is read as empty when nothing was acknowledged before.
 */
export function rangeEnd(header: string | null, acknowledged: number): number | undefined {
  const match = /^(?:bytes=)?(\d+)-(\d+)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const end = Number(match[2]) + 1;
  return end === 1 && acknowledged === 0 && match[2] === '0' ? 0 : end;
}

/** Opens an upload session (POST) and gives its absolute `Location`. */
export async function startUpload(repo: RepositoryContext, operation: string): Promise<string> {
  const timed = await repo.http.send({
    operation,
    repository: repo.repository,
    method: 'POST',
    url: `/v2/${repo.repository}/blobs/uploads/`,
    scopes: [pushScope(repo.repository)],
    expect: [202],
  });
  await discardBody(timed);
  const location = locationOf(timed);
  if (!location) throw missingLocation(repo, operation);
  return location;
}

function missingLocation(repo: RepositoryContext, operation: string): RegistryError {
  return new RegistryError(
    errorContext(repo, operation),
    `${operation} on ${repo.registry}/${repo.repository}: the registry opened an upload without a Location; it does not follow the distribution spec`,
  );
}

/** Asks the registry how much of an interrupted upload it holds; undefined when it forgot the session. */
export async function resumeUpload(
  repo: RepositoryContext,
  operation: string,
  session: UploadSession,
): Promise<UploadSession | undefined> {
  try {
    const timed = await repo.http.send({
      operation: `${operation} (resume)`,
      repository: repo.repository,
      method: 'GET',
      url: session.location,
      scopes: [pushScope(repo.repository)],
      expect: [200, 204],
    });
    await discardBody(timed);
    const held = rangeEnd(timed.response.headers.get('range'), session.offset) ?? 0;
    return { location: locationOf(timed) ?? session.location, offset: held };
  } catch (error) {
    if (error instanceof RetryableFailure) throw error;
    return undefined;
  }
}

/** Abandons an upload session (best effort: registries also expire them). */
export async function cancelUpload(repo: RepositoryContext, location: string): Promise<void> {
  try {
    const timed = await repo.http.send({
      operation: 'cancel upload',
      repository: repo.repository,
      method: 'DELETE',
      url: location,
      scopes: [pushScope(repo.repository)],
      expect: [200, 202, 204, 404],
    });
    await discardBody(timed);
  } catch {
    // the session expires on its own
  }
}
