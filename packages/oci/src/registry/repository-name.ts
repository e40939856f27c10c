import { InvalidReferenceError } from '../errors';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Checks a repository name (`team/app`) against the distribution grammar; throws `InvalidReferenceError`. */
export function assertRepositoryName(name: string): void {
  const bad = name.split('/').find((component) => !COMPONENT.test(component));
  if (name === '' || bad !== undefined) {
    throw new InvalidReferenceError(
      name,
      `repository component \`${bad ?? ''}\` must be lowercase letters and digits, separated by '.', '_', '__' or '-'`,
    );
  }
}

/** Checks a tag (`v1.2`, `latest`); throws `InvalidReferenceError`. */
export function assertTag(tag: string): void {
  if (!TAG.test(tag)) {
    throw new InvalidReferenceError(
      tag,
      "a tag is letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')",
    );
  }
}
