import { posix } from 'node:path';
import { UnsafeArchivePathError, UnsafeTarError } from '../errors';

/**
 * Why a relative path is unsafe (absolute, or a `..` component), or undefined when it stays inside the tree.
 * Backslashes are ordinary characters, as in tar.
 */
function unsafeReason(path: string): string | undefined {
  if (path.startsWith('/')) return 'has an absolute path';
  if (path.split('/').includes('..')) return 'has a `..` path component';
  if (path.includes('\0')) return 'has a NUL byte in its path';
  return undefined;
}

/** `./a//b/` → `a/b`; the root is ''. Assumes the path was checked by `unsafeReason`. */
function tidy(path: string): string {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** Normalizes a tar entry name (`./bin/sh`, `bin/`) to `bin/sh`, rejecting absolute and `..` paths. */
export function safeEntryPath(archive: string, name: string): string {
  const reason = unsafeReason(name);
  if (reason) throw new UnsafeTarError(archive, name, reason);
  return tidy(name);
}

/**
 * Where a symlink entry points inside the tree, as a normalized path; rejects targets that are absolute
 * or climb above the root, because a reader following them would leave the archive.
 */
export function safeSymlinkTarget(archive: string, entryPath: string, target: string): string {
  if (target.startsWith('/')) {
    throw new UnsafeTarError(archive, entryPath, `is a symlink to the absolute path \`${target}\``);
  }
  const resolved = posix.normalize(posix.join(posix.dirname(entryPath), target));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw new UnsafeTarError(archive, entryPath, `is a symlink to \`${target}\`, outside the tree`);
  }
  return tidy(resolved);
}

/** Where a hardlink entry points: its target is a path from the root of the tree, checked like an entry name. */
export function safeHardlinkTarget(archive: string, entryPath: string, target: string): string {
  if (unsafeReason(target) !== undefined) {
    throw new UnsafeTarError(archive, entryPath, `is a hardlink to \`${target}\`, outside the tree`);
  }
  return tidy(target);
}

/** Normalizes a path a manifest names inside an archive, rejecting any that leaves it. */
export function safeArchivePath(archive: string, path: string): string {
  if (unsafeReason(path) !== undefined || tidy(path) === '') throw new UnsafeArchivePathError(archive, path);
  return tidy(path);
}
