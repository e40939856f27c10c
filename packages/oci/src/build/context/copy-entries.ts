import { createHash } from 'node:crypto';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import type { ResolvedSource } from './copy-sources';
import type { IgnoreMatcher } from './dockerignore';
import type { FileHasher } from './file-hasher';

/** How copied files are owned and what mode they get. */
export interface CopyOwnership {
  readonly uid: number;
  readonly gid: number;
  /** `--chmod`: the mode of every copied file and directory. */
  readonly mode?: number;
}

/** A copied file and its content hash, for the cache key. */
export interface CopyPlanEntry {
  readonly entry: LayerEntry;
  readonly digest?: string;
}

function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let dir = posix.dirname(path); dir !== '.' && dir !== '/' && dir !== ''; dir = posix.dirname(dir)) {
    parents.unshift(dir);
  }
  return parents;
}

/**
 * The layer entries of a COPY: each source file at `dest` (or in it, when `dest` is a directory), each source
 * directory's content under `dest`, symlinks kept as symlinks. `dest` is an image path without leading `/`.
 * Parent directories of the destination are added as root-owned 0755 directories.
 */
export async function copyEntries(
  sources: readonly ResolvedSource[],
  dest: string,
  destIsDirectory: boolean,
  owner: CopyOwnership,
  hasher: FileHasher,
  ignored: IgnoreMatcher,
): Promise<CopyPlanEntry[]> {
  const planned = new Map<string, CopyPlanEntry>();
  const meta = (mode: number) => ({ uid: owner.uid, gid: owner.gid, mode: owner.mode ?? mode & 0o7777 });
  async function add(host: string, target: string, contextPath: string): Promise<void> {
    const info = await lstat(host);
    const mtime = info.mtime;
    if (info.isDirectory()) {
      planned.set(target, { entry: { type: 'directory', path: target, ...meta(info.mode), mtime } });
      for (const name of (await readdir(host)).sort()) {
        const inner = contextPath === '' ? name : `${contextPath}/${name}`;
        if (ignored(inner)) continue;
        await add(join(host, name), target === '' ? name : `${target}/${name}`, inner);
      }
    } else if (info.isSymbolicLink()) {
      const linkTarget = await readlink(host);
      planned.set(target, {
        entry: { type: 'symlink', path: target, target: linkTarget, ...meta(0o777), mtime },
      });
    } else if (info.isFile()) {
      const digest = await hasher.hash(host);
      planned.set(target, {
        entry: { type: 'file', path: target, content: { fromPath: host }, ...meta(info.mode), mtime },
        digest,
      });
    }
  }
  for (const source of sources) {
    if (source.isDirectory) {
      await add(source.host, dest, source.path);
    } else {
      const target = destIsDirectory
        ? dest === ''
          ? posix.basename(source.path)
          : `${dest}/${posix.basename(source.path)}`
        : dest;
      await add(source.host, target, source.path);
    }
  }
  const destDir = destIsDirectory ? dest : posix.dirname(dest);
  for (const parent of [...parentsOf(`${destDir}/x`)]) {
    if (planned.has(parent)) continue;
    const own = parent === destDir ? { uid: owner.uid, gid: owner.gid } : { uid: 0, gid: 0 };
    planned.set(parent, { entry: { type: 'directory', path: parent, mode: 0o755, ...own } });
  }
  planned.delete('');
  return [...planned.values()];
}

/** A digest of what a COPY writes (paths, kinds, modes, owners, link targets, file contents), for its cache key. */
export function digestOfPlan(plan: readonly CopyPlanEntry[]): string {
  const hash = createHash('sha256');
  const lines = plan.map(({ entry, digest }) => {
    const meta =
      entry.type === 'whiteout' || entry.type === 'opaque'
        ? {}
        : { mode: entry.mode, uid: entry.uid, gid: entry.gid };
    const target = entry.type === 'symlink' || entry.type === 'hardlink' ? entry.target : undefined;
    return JSON.stringify([entry.type, entry.path, meta.mode, meta.uid, meta.gid, target, digest]);
  });
  for (const line of lines.sort()) hash.update(`${line}\n`);
  return hash.digest('hex');
}
