import { InvalidReferenceError } from '../errors';
import type { Descriptor, Digest, RawManifest } from '../model/descriptors';
import { DigestMismatchError, isDigest, sha256Digest, verifyBytes } from '../model/digest';
import { MANIFEST_ACCEPT, MediaType } from '../model/media-types';
import { classifyNetworkError } from './network-errors';
import { RegistryError } from './registry-error';
import { errorContext, type RepositoryContext } from './repository-context';
import { assertTag } from './repository-name';
import { withRetry } from './retry';
import { deleteScope, pullScope, pushScope } from './scopes';
import { readBodyBytes } from './timed-fetch';

/** Largest manifest Slipway reads (the OCI spec lets registries refuse above 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

function checkReference(reference: string): void {
  if (reference.includes(':')) {
    if (!isDigest(reference)) {
      throw new InvalidReferenceError(reference, 'a digest is sha256:<64 hex> or sha512:<128 hex>');
    }
  } else {
    assertTag(reference);
  }
}

/** The media type of a manifest: the registry's `Content-Type`, else the document's own `mediaType`. */
function manifestMediaType(contentType: string | null, bytes: Uint8Array): string {
  const header = contentType?.split(';')[0]?.trim() ?? '';
  if (header !== '' && header !== 'application/json' && header !== 'text/plain') return header;
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
      mediaType?: unknown;
      manifests?: unknown;
    };
    if (typeof parsed.mediaType === 'string') return parsed.mediaType;
    return Array.isArray(parsed.manifests) ? MediaType.ociIndex : MediaType.ociManifest;
  } catch {
    return header || MediaType.ociManifest;
  }
}

/** Same algorithm, different digest: the registry's `Docker-Content-Digest` contradicts the bytes. */
function contradicts(header: string | null, digest: string): boolean {
  return header !== null && header.split(':')[0] === digest.split(':')[0] && header !== digest;
}

/**
 * Fetches a manifest or index by tag or digest. By digest the bytes are verified against it; by tag
 * their sha256 is computed (and checked against `Docker-Content-Digest` when the registry sends one).
 */
export async function getManifest(repo: RepositoryContext, reference: string): Promise<RawManifest> {
  checkReference(reference);
  const operation = `get manifest ${reference}`;
  const where = `${repo.registry}/${repo.repository}@${reference}`;
  return withRetry(repo.http.options.retry, async () => {
    const timed = await repo.http.send({
      operation,
      repository: repo.repository,
      method: 'GET',
      url: `/v2/${repo.repository}/manifests/${reference}`,
      scopes: [pullScope(repo.repository)],
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200],
    });
    let bytes: Uint8Array;
    try {
      bytes = await readBodyBytes(timed, repo.http.options.timeouts.stallMs, MAX_MANIFEST_BYTES);
    } catch (error) {
      throw classifyNetworkError(error, errorContext(repo, operation), timed.url);
    }
    const byDigest = isDigest(reference);
    const digest: Digest = byDigest ? reference : sha256Digest(bytes);
    if (byDigest) verifyBytes(bytes, { mediaType: '', digest, size: bytes.byteLength }, where);
    const announced = timed.response.headers.get('docker-content-digest');
    if (contradicts(announced, digest)) {
      throw new DigestMismatchError(
        { mediaType: '', digest: announced as Digest, size: bytes.byteLength },
        digest,
        bytes.byteLength,
        where,
      );
    }
    return { mediaType: manifestMediaType(timed.response.headers.get('content-type'), bytes), digest, bytes };
  });
}

/** The descriptor of a manifest from a HEAD request; undefined when the registry does not have it. */
export async function headManifest(
  repo: RepositoryContext,
  reference: string,
): Promise<Descriptor | undefined> {
  checkReference(reference);
  const timed = await repo.http.request({
    operation: `check manifest ${reference}`,
    repository: repo.repository,
    method: 'HEAD',
    url: `/v2/${repo.repository}/manifests/${reference}`,
    scopes: [pullScope(repo.repository)],
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404],
  });
  if (timed.response.status === 404) return undefined;
  const headers = timed.response.headers;
  const digest = headers.get('docker-content-digest') ?? (isDigest(reference) ? reference : undefined);
  const length = Number(headers.get('content-length') ?? Number.NaN);
  const mediaType = headers.get('content-type')?.split(';')[0]?.trim();
  if (
    !digest ||
    !isDigest(digest) ||
    !Number.isFinite(length) ||
    !mediaType ||
    mediaType === 'application/json'
  ) {
    const raw = await getManifest(repo, reference);
    return { mediaType: raw.mediaType, digest: raw.digest, size: raw.bytes.byteLength };
  }
  return { mediaType, digest, size: length };
}

/** Stores a manifest under a tag (when given) or its digest; its blobs must already be in the repository. */
export async function putManifest(
  repo: RepositoryContext,
  manifest: RawManifest,
  tag?: string,
): Promise<void> {
  if (tag !== undefined) assertTag(tag);
  if (!isDigest(manifest.digest)) {
    throw new InvalidReferenceError(
      manifest.digest,
      'a manifest digest is sha256:<64 hex> or sha512:<128 hex>',
    );
  }
  verifyBytes(
    manifest.bytes,
    { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength },
    `manifest for ${repo.registry}/${repo.repository}`,
  );
  const reference = tag ?? manifest.digest;
  const operation = `put manifest ${reference}`;
  const timed = await repo.http.request({
    operation,
    repository: repo.repository,
    method: 'PUT',
    url: `/v2/${repo.repository}/manifests/${reference}`,
    scopes: [pushScope(repo.repository)],
    headers: { 'content-type': manifest.mediaType },
    body: async () => manifest.bytes,
    expect: [200, 201, 202],
  });
  await timed.response.body?.cancel().catch(() => {});
  const stored = timed.response.headers.get('docker-content-digest');
  if (contradicts(stored, manifest.digest)) {
    throw new RegistryError(
      errorContext(repo, operation),
      `${operation} on ${repo.registry}/${repo.repository}: the registry stored it as ${stored}, not ${manifest.digest}; it may rewrite manifests, push by digest to check`,
    );
  }
}

/** Deletes a manifest by digest; false when the registry did not have it. */
export async function deleteManifest(repo: RepositoryContext, digest: string): Promise<boolean> {
  if (!isDigest(digest)) {
    throw new InvalidReferenceError(
      digest,
      'deleting a manifest needs its digest (sha256:…); resolve a tag with headManifest first',
    );
  }
  const timed = await repo.http.request({
    operation: `delete manifest ${digest}`,
    repository: repo.repository,
    method: 'DELETE',
    url: `/v2/${repo.repository}/manifests/${digest}`,
    scopes: [deleteScope(repo.repository)],
    expect: [200, 202, 204, 404],
  });
  await timed.response.body?.cancel().catch(() => {});
  return timed.response.status !== 404;
}
