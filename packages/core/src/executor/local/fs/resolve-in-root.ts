import { lstat, readlink } from 'node:fs/promises';

/** A host directory or file bound into the sandbox at `containerPath` (absolute, normalized). */
export interface RootMount {
  readonly containerPath: string;
  readonly hostPath: string;
}

// Linux gives up after 40 symlinks in one lookup (ELOOP); a container's tree gets the same budget.
const MAX_SYMLINKS = 40;

function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/** The host path of a container path given as components: through the deepest mount containing it, else the root. */
function hostPathOf(root: string, parts: readonly string[], mounts: readonly RootMount[]): string {
  let best: { mount: RootMount; depth: number } | undefined;
  for (const mount of mounts) {
    const mountParts = components(mount.containerPath);
    if (mountParts.length > parts.length || (best && mountParts.length <= best.depth)) continue;
    if (mountParts.every((part, i) => parts[i] === part)) best = { mount, depth: mountParts.length };
  }
  const base = best ? best.mount.hostPath : root;
  const rest = parts.slice(best?.depth ?? 0);
  return rest.length === 0 ? base : `${base.replace(/\/$/, '')}/${rest.join('/')}`;
}

/**
 * Where a path inside a (stopped) container is on the host, resolving symlinks the way the container sees
 * them: absolute targets restart from the container's root, `..` stops at it, mounts are followed. A step can
 * therefore not make Slipway read a host file by leaving `/tmp/out -> /etc/shadow` as an output. A path that
 * does not exist resolves to where it would be (reading it then fails with ENOENT).
 */
export async function resolveInRoot(
  root: string,
  path: string,
  mounts: readonly RootMount[],
): Promise<string> {
  const pending = components(path);
  const current: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      current.pop();
      continue;
    }
    const candidate = [...current, part];
    const isMountPoint = mounts.some((m) => components(m.containerPath).join('/') === candidate.join('/'));
    const info = isMountPoint
      ? undefined
      : await lstat(hostPathOf(root, candidate, mounts)).catch(() => null);
    if (info === null) return hostPathOf(root, [...candidate, ...pending], mounts);
    if (info?.isSymbolicLink()) {
      if (++links > MAX_SYMLINKS) {
        throw Object.assign(new Error(`too many symlinks resolving ${path} in the container`), {
          code: 'ELOOP',
        });
      }
      const target = await readlink(hostPathOf(root, candidate, mounts));
      if (target.startsWith('/')) current.length = 0;
      pending.unshift(...components(target));
      continue;
    }
    current.push(part);
  }
  return hostPathOf(root, current, mounts);
}
