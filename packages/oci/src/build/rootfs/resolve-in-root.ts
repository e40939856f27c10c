import { lstat, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';

const MAX_LINKS = 40;

/** Splits an image path (`/usr/bin/`, `usr//bin`) into its components, `.` dropped; `..` kept for the walk. */
function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/**
 * Resolves a path inside a root directory as a process chrooted there would: symlinks are followed, absolute
 * targets and `..` resolve against the root and never leave it. The last component is followed only when
 * `followLast`. Returns the path relative to the root (`usr/bin`, '' for the root itself); components that do
 * not exist are kept as written.
 */
export async function resolveInRoot(root: string, path: string, followLast = true): Promise<string> {
  const pending = components(path);
  const resolved: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = [...resolved, part];
    if (pending.length === 0 && !followLast) {
      resolved.push(part);
      break;
    }
    const info = await lstat(join(root, ...candidate)).catch(() => undefined);
    if (!info?.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_LINKS) {
      resolved.push(part, ...pending);
      break;
    }
    const target = await readlink(join(root, ...candidate));
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...components(target));
  }
  return resolved.join('/');
}

/** Joins an image path to a root directory after `resolveInRoot`; the result never leaves `root`. */
export async function hostPathInRoot(root: string, path: string, followLast = true): Promise<string> {
  return join(root, await resolveInRoot(root, path, followLast));
}

/** Normalizes an absolute image path against a working directory: `x` in `/app` is `app/x` (no leading `/`). */
export function imagePath(workdir: string, path: string): string {
  return posix
    .normalize(posix.join('/', path.startsWith('/') ? '' : workdir, path))
    .replace(/^\/+|\/+$/g, '');
}
