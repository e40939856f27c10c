import type { BigIntStats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import type { RootTree } from './root-tree';

/** What is compared of a path between two snapshots: any write, chmod, rename or link changes one of these. */
export interface PathState {
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtime: bigint;
  readonly ctime: bigint;
  readonly mode: number;
  readonly nlink: bigint;
}

/** Every path of a tree (relative, `usr/bin/sh`) and its state. */
export type Snapshot = Map<string, PathState>;

function kindOf(info: BigIntStats): PathState['kind'] {
  if (info.isDirectory()) return 'directory';
  if (info.isFile()) return 'file';
  if (info.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** Walks a tree and records the state of every path (`exclude` paths and what is under them are left out). */
export async function takeSnapshot(dir: string, exclude: ReadonlySet<string> = new Set()): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  async function walk(relative: string): Promise<void> {
    const names = await readdir(relative === '' ? dir : join(dir, relative));
    await Promise.all(
      names.map(async (name) => {
        const path = relative === '' ? name : `${relative}/${name}`;
        if (exclude.has(path)) return;
        const info = await lstat(join(dir, path), { bigint: true });
        const kind = kindOf(info);
        snapshot.set(path, {
          kind,
          ino: info.ino,
          size: info.size,
          mtime: info.mtimeNs,
          ctime: info.ctimeNs,
          mode: Number(info.mode & 0o7777n),
          nlink: info.nlink,
        });
        if (kind === 'directory') await walk(path);
      }),
    );
  }
  await walk('');
  return snapshot;
}

function changed(before: PathState | undefined, after: PathState): boolean {
  return (
    !before ||
    before.kind !== after.kind ||
    before.ino !== after.ino ||
    before.size !== after.size ||
    before.mtime !== after.mtime ||
    before.ctime !== after.ctime ||
    before.mode !== after.mode
  );
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Who owns what a RUN creates: the user it ran as. */
export interface NewOwner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * The layer entries that turn `before` into `after`: changed and new paths (ownership kept from the tree's
 * record for paths that existed, `owner` for new ones), hardlinks between new files, and a whiteout for each
 * deleted path whose parent is still a directory. Updates the tree's ownership record to match.
 */
export async function diffSnapshots(
  tree: RootTree,
  before: Snapshot,
  after: Snapshot,
  owner: NewOwner,
): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  const firstOfInode = new Map<bigint, string>();
  const paths = [...after.keys()].sort();
  for (const path of paths) {
    const state = after.get(path) as PathState;
    const previous = before.get(path);
    if (!changed(previous, state) || state.kind === 'other') continue;
    const recorded = tree.owners.get(path);
    const existed = previous !== undefined && previous.kind === state.kind && recorded !== undefined;
    const keepMode = existed && previous.mode === state.mode;
    const meta = {
      uid: existed ? recorded.uid : owner.uid,
      gid: existed ? recorded.gid : owner.gid,
      mode: keepMode ? recorded.mode : state.mode,
    };
    tree.owners.set(path, meta);
    const host = join(tree.dir, path);
    if (state.kind === 'directory') entries.push({ type: 'directory', path, ...meta });
    else if (state.kind === 'symlink')
      entries.push({ type: 'symlink', path, target: await readlink(host), ...meta });
    else {
      const first = state.nlink > 1n ? firstOfInode.get(state.ino) : undefined;
      if (first !== undefined) entries.push({ type: 'hardlink', path, target: first, ...meta });
      else entries.push({ type: 'file', path, content: { fromPath: host }, ...meta });
      if (state.nlink > 1n && first === undefined) firstOfInode.set(state.ino, path);
    }
  }
  for (const path of before.keys()) {
    if (after.has(path)) continue;
    const parent = parentOf(path);
    if (parent !== '' && after.get(parent)?.kind !== 'directory') continue;
    if (parent !== '' && before.get(parent)?.kind === 'directory' && !after.has(parent)) continue;
    entries.push({ type: 'whiteout', path });
    tree.forget(path);
  }
  return entries;
}
