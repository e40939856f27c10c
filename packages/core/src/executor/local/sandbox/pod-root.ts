import { chmod, mkdir, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { copyTree } from '../fs/copy-tree';
import type { HostTools } from './host-tools';

/** How a container gets a writable root over its image: an overlay (instant) or a full copy. */
export type RootfsMode = 'overlay' | 'copy';

/** A container's root, ready for the sandbox. */
export type PreparedRoot =
  | {
      readonly kind: 'overlay';
      readonly lower: string;
      readonly upper: string;
      readonly work: string;
      readonly merged: string;
    }
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'host'; readonly tmp: string; readonly entries: readonly HostRootEntry[] };

/** A top-level entry of the host's `/`, bound read-only into host-root sandboxes. */
export interface HostRootEntry {
  readonly name: string;
  /** For symlinks (`/bin -> usr/bin` on merged-/usr systems): the target, recreated as a symlink. */
  readonly symlink?: string;
}

// Given fresh to every sandbox rather than shared with the host.
const NOT_SHARED = new Set(['proc', 'dev', 'tmp']);

/** The host's top-level directories and symlinks, except /proc, /dev and /tmp which the sandbox provides. */
export async function hostRootEntries(): Promise<HostRootEntry[]> {
  const entries = await readdir('/', { withFileTypes: true });
  const result: HostRootEntry[] = [];
  for (const entry of entries) {
    if (NOT_SHARED.has(entry.name)) continue;
    if (entry.isSymbolicLink()) result.push({ name: entry.name, symlink: await readlink(`/${entry.name}`) });
    else if (entry.isDirectory()) result.push({ name: entry.name });
  }
  return result;
}

// Overlay options are a comma-separated list; these characters in a path cannot be passed safely.
const OVERLAY_UNSAFE = /[,:\\\s]/;

/** Whether overlay mounts can be given these paths. */
export function overlayPathsOk(...paths: string[]): boolean {
  return paths.every((path) => !OVERLAY_UNSAFE.test(path));
}

/**
 * Prepares the root of one container in `dir` (a fresh directory of the pod): the directories of an overlay
 * over the image (mounted later, inside the sandbox's namespace), a copy of the image, or a private /tmp for
 * host-root sandboxes.
 */
export async function prepareRoot(
  mode: RootfsMode,
  image: string | { host: readonly HostRootEntry[] },
  dir: string,
  tools: HostTools,
): Promise<PreparedRoot> {
  if (typeof image !== 'string') {
    const tmp = join(dir, 'tmp');
    await mkdir(tmp, { recursive: true });
    await chmod(tmp, 0o1777);
    return { kind: 'host', tmp, entries: image.host };
  }
  if (mode === 'overlay') {
    const root = { upper: join(dir, 'upper'), work: join(dir, 'work'), merged: join(dir, 'merged') };
    // The first one makes the parents, so the others need not race to make them too.
    await mkdir(root.upper, { recursive: true });
    await Promise.all([mkdir(root.work), mkdir(root.merged)]);
    return { kind: 'overlay', lower: image, ...root };
  }
  await mkdir(dir, { recursive: true });
  const root = join(dir, 'root');
  await copyTree(image, root, tools.cp);
  return { kind: 'dir', dir: root };
}
