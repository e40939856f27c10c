import { InvalidReferenceError } from '../errors';

/** The registry Docker Hub images live on, and its short aliases. */
export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** A parsed image reference, with Docker's defaults applied. */
export interface ImageReference {
  /** Registry host, with port if any: `docker.io`, `127.0.0.1:5000`, `123.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly registry: string;
  /** Repository path inside the registry: `library/alpine`, `argoproj/argosay`. */
  readonly repository: string;
  /** The tag as written, if any. */
  readonly tag?: string;
  /** The digest as written, if any: `sha256:…`. */
  readonly digest?: string;
  /** The reference exactly as given. */
  readonly original: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$|^\[[0-9a-fA-F:.]+\](?::[0-9]+)?$/;
const MAX_NAME_LENGTH = 255;

/**
 * Parses an image reference the way Docker and the distribution spec do: `alpine` is
 * `docker.io/library/alpine`, a first component with `.` or `:` (or `localhost`) is a registry.
 */
export function parseImageReference(reference: string): ImageReference {
  if (reference === '') throw new InvalidReferenceError(reference, 'it is empty');
  if (reference !== reference.trim())
    throw new InvalidReferenceError(reference, 'it has surrounding whitespace');
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw new InvalidReferenceError(reference, `\`${digest}\` is not a digest (algorithm:hex)`);
    if (digest.startsWith('sha256:') && !SHA256_HEX.test(digest.slice(7))) {
      throw new InvalidReferenceError(reference, 'a sha256 digest is 64 lowercase hex characters');
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw new InvalidReferenceError(
        reference,
        `tag \`${tag}\` must be letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')`,
      );
    }
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  ) {
    if (!DOMAIN.test(first))
      throw new InvalidReferenceError(reference, `\`${first}\` is not a registry host[:port]`);
    registry = DOCKER_HUB_ALIASES.has(first) ? DOCKER_HUB : first;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((part) => !COMPONENT.test(part))) {
    const bad = parts.find((part) => !COMPONENT.test(part)) ?? '';
    throw new InvalidReferenceError(
      reference,
      `repository component \`${bad}\` must be lowercase letters and digits, separated by '.', '_', '__' or '-'`,
    );
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (repository.length + registry.length + 1 > MAX_NAME_LENGTH) {
    throw new InvalidReferenceError(reference, `the name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return {
    registry,
    repository,
    original: reference,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The canonical string of a reference: `docker.io/library/alpine:3.19`, tag `latest` added when neither is given. */
export function formatImageReference(ref: ImageReference): string {
  const name = `${ref.registry}/${ref.repository}`;
  if (ref.digest) return ref.tag ? `${name}:${ref.tag}@${ref.digest}` : `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? 'latest'}`;
}
