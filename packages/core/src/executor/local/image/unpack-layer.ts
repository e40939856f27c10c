import { createWriteStream } from 'node:fs';
import { chmod, link, lstat, lutimes, mkdir, rm, symlink, utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LayerEntryRead } from '@slipway/oci';
import { UnsafeLayerError } from '../errors';

/** What a layer's directory tree cannot hold: deletions, opaque markers, links to lower layers' files. */
export interface LayerMeta {
  /** Paths the layer deletes from the layers below it. */
  readonly whiteouts: string[];
  /** Directories whose lower-layer content the layer hides (`''` is the root). */
  readonly opaques: string[];
  /** Hardlinks whose target is not in this layer (it is in a lower one): made when the rootfs is composed. */
  readonly links: { path: string; target: string }[];
  /** Directories created only because an entry needed a parent; they must not replace lower-layer entries. */
  readonly implicitDirs: string[];
}

// Setuid/setgid bits are dropped: inside the single-uid sandbox they grant nothing, and on the host they would
// turn the cache into a store of root-owned setuid programs when Slipway runs as root.
const FILE_MODE_MASK = 0o1777;

/** Writes the entries of one layer into a directory tree, refusing any entry that would leave it. */
class LayerWriter {
  private readonly dirs = new Set<string>(['']);
  private readonly implicit = new Set<string>();
  private readonly explicitDirs: { path: string; mode: number; mtime: Date }[] = [];
  readonly meta: LayerMeta = { whiteouts: [], opaques: [], links: [], implicitDirs: [] };

  constructor(
    private readonly tree: string,
    private readonly where: string,
  ) {}

  private host(path: string): string {
    return join(this.tree, path);
  }

  /** Makes sure every parent of `path` is a real directory of the tree (created when missing). */
  private async ensureParents(entry: string, path: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (this.dirs.has(dir)) continue;
      const info = await lstat(this.host(dir)).catch(() => undefined);
      if (!info) {
        await mkdir(this.host(dir), { mode: 0o755 });
        this.implicit.add(dir);
      } else if (info.isSymbolicLink()) {
        throw new UnsafeLayerError(this.where, entry, `goes through the symlink \`${dir}\``);
      } else if (!info.isDirectory()) {
        throw new UnsafeLayerError(this.where, entry, `is under \`${dir}\`, which is not a directory`);
      }
      this.dirs.add(dir);
    }
  }

  /** Removes whatever an entry replaces. */
  private async clear(path: string): Promise<void> {
    const info = await lstat(this.host(path)).catch(() => undefined);
    if (!info) return;
    if (info.isDirectory()) {
      for (const dir of this.dirs) if (dir === path || dir.startsWith(`${path}/`)) this.dirs.delete(dir);
    }
    await rm(this.host(path), { recursive: true, force: true });
  }

  /** Whether `path` names a regular file of this layer reachable without symlinks. */
  private async isPlainFile(entry: string, path: string): Promise<boolean> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const info = await lstat(this.host(parts.slice(0, i).join('/'))).catch(() => undefined);
      if (!info) return false;
      if (info.isSymbolicLink()) {
        throw new UnsafeLayerError(
          this.where,
          entry,
          `is a hardlink through the symlink \`${parts.slice(0, i).join('/')}\``,
        );
      }
    }
    const info = await lstat(this.host(path)).catch(() => undefined);
    if (info?.isDirectory()) throw new UnsafeLayerError(this.where, entry, 'is a hardlink to a directory');
    return info !== undefined;
  }

  async write(entry: LayerEntryRead): Promise<void> {
    const { path } = entry;
    switch (entry.type) {
      case 'whiteout':
        this.meta.whiteouts.push(path);
        return;
      case 'opaque':
        this.meta.opaques.push(path);
        return;
      case 'other':
        // Devices and FIFOs cannot be made without privileges; /dev comes from the sandbox instead.
        return;
      case 'directory': {
        await this.ensureParents(path, path);
        const info = await lstat(this.host(path)).catch(() => undefined);
        if (!info?.isDirectory()) {
          if (info) await this.clear(path);
          await mkdir(this.host(path), { mode: 0o755 });
        }
        this.dirs.add(path);
        this.implicit.delete(path);
        this.explicitDirs.push({ path, mode: entry.mode, mtime: entry.mtime });
        return;
      }
      case 'file': {
        await this.ensureParents(path, path);
        await this.clear(path);
        await pipeline(entry.content, createWriteStream(this.host(path), { flags: 'wx', mode: 0o600 }));
        await chmod(this.host(path), entry.mode & FILE_MODE_MASK);
        await utimes(this.host(path), entry.mtime, entry.mtime);
        return;
      }
      case 'symlink': {
        await this.ensureParents(path, path);
        await this.clear(path);
        await symlink(entry.target ?? '', this.host(path));
        await lutimes(this.host(path), entry.mtime, entry.mtime);
        return;
      }
      case 'hardlink': {
        const target = entry.target ?? '';
        await this.ensureParents(path, path);
        if (!(await this.isPlainFile(path, target))) {
          this.meta.links.push({ path, target });
          return;
        }
        await this.clear(path);
        await link(this.host(target), this.host(path));
        return;
      }
    }
  }

  /** Applies directory modes and times last (children written earlier would have changed the times). */
  async finish(): Promise<LayerMeta> {
    const deepestFirst = [...this.explicitDirs].sort((a, b) => b.path.length - a.path.length);
    for (const dir of deepestFirst) {
      await chmod(this.host(dir.path), dir.mode & 0o7777);
      await utimes(this.host(dir.path), dir.mtime, dir.mtime);
    }
    this.meta.implicitDirs.push(...[...this.implicit].sort());
    return this.meta;
  }
}

/**
 * Unpacks a layer's entries (from `readLayer`, which already rejects absolute and `..` paths and symlinks
 * climbing above the root) into `tree`. Entries going through a symlink or hardlinks through one are
 * rejected, so a layer can never write or link outside `tree`. Ownership is not kept: files belong to the
 * user running Slipway, which the rootless sandbox maps to the step's user.
 */
export async function unpackLayer(
  entries: AsyncIterable<LayerEntryRead>,
  tree: string,
  where: string,
): Promise<LayerMeta> {
  await mkdir(tree, { recursive: true, mode: 0o755 });
  const writer = new LayerWriter(tree, where);
  for await (const entry of entries) {
    if (posix.isAbsolute(entry.path)) throw new UnsafeLayerError(where, entry.path, 'has an absolute path');
    await writer.write(entry);
  }
  return writer.finish();
}
