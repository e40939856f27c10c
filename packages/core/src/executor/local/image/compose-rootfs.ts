import type { Dirent } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  lstat,
  lutimes,
  mkdir,
  readdir,
  readlink,
  rm,
  symlink,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';
import { UnsafeLayerError } from '../errors';
import type { LayerMeta } from './unpack-layer';

/** A layer unpacked in the cache: its tree and what the tree cannot express. */
export interface UnpackedLayer {
  /** The layer digest, for messages. */
  readonly name: string;
  readonly tree: string;
  readonly meta: LayerMeta;
}

/** Whether every parent of `path` inside `root` is a real directory (no symlink, no file); `path` itself may be anything. */
async function parentsAreDirs(root: string, path: string): Promise<boolean> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const info = await lstat(join(root, ...parts.slice(0, i))).catch(() => undefined);
    if (!info?.isDirectory()) return false;
  }
  return true;
}

async function clearDir(dir: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
}

/** Hardlinks a file of the layer store into the rootfs (no copy); copies when they are on different filesystems. */
async function placeFile(source: string, destination: string): Promise<void> {
  try {
    await link(source, destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const info = await lstat(source);
    await copyFile(source, destination);
    await chmod(destination, info.mode & 0o7777);
    await utimes(destination, info.atime, info.mtime);
  }
}

class Composer {
  constructor(
    private readonly root: string,
    private readonly layer: UnpackedLayer,
    private readonly implicit: ReadonlySet<string>,
  ) {}

  private async mergeEntry(entry: Dirent, from: string, to: string, rel: string): Promise<void> {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const existing = await lstat(target).catch(() => undefined);
    if (entry.isDirectory()) {
      if (!existing?.isDirectory()) {
        if (existing && this.implicit.has(path)) {
          // The layer only implied this directory (an entry below it, no entry for it): a lower layer's
          // symlink or file there must not be replaced, and following the symlink could leave the root.
          const what = existing.isSymbolicLink() ? 'the symlink' : 'the file';
          throw new UnsafeLayerError(
            this.layer.name,
            `${path}/…`,
            `goes through ${what} \`${path}\` of a lower layer`,
          );
        }
        if (existing) await rm(target, { recursive: true, force: true });
        await mkdir(target, { mode: 0o755 });
      }
      await this.merge(source, target, path);
      if (!this.implicit.has(path)) {
        const info = await lstat(source);
        await chmod(target, info.mode & 0o7777);
        await utimes(target, info.atime, info.mtime);
      }
      return;
    }
    if (existing) await rm(target, { recursive: true, force: true });
    if (entry.isSymbolicLink()) {
      const info = await lstat(source);
      await symlink(await readlink(source), target);
      await lutimes(target, info.atime, info.mtime);
      return;
    }
    await placeFile(source, target);
  }

  /** Merges a directory of the layer into the rootfs: directories merge, anything else replaces. */
  async merge(from: string, to: string, rel: string): Promise<void> {
    const entries = await readdir(from, { withFileTypes: true });
    await Promise.all(entries.map((entry) => this.mergeEntry(entry, from, to, rel)));
  }

  async apply(): Promise<void> {
    const { meta, tree } = this.layer;
    for (const dir of meta.opaques) {
      const info = await lstat(join(this.root, dir)).catch(() => undefined);
      if (info?.isDirectory() && (await parentsAreDirs(this.root, dir))) await clearDir(join(this.root, dir));
    }
    for (const path of meta.whiteouts) {
      if (await parentsAreDirs(this.root, path))
        await rm(join(this.root, path), { recursive: true, force: true });
    }
    await this.merge(tree, this.root, '');
    for (const { path, target } of meta.links) {
      const info = await lstat(join(this.root, target)).catch(() => undefined);
      if (!info || info.isDirectory() || !(await parentsAreDirs(this.root, target))) {
        throw new UnsafeLayerError(
          this.layer.name,
          path,
          `is a hardlink to \`${target}\`, which no layer provides`,
        );
      }
      if (!(await parentsAreDirs(this.root, path))) {
        throw new UnsafeLayerError(this.layer.name, path, 'is a hardlink placed through a symlink');
      }
      await rm(join(this.root, path), { recursive: true, force: true });
      await link(join(this.root, target), join(this.root, path));
    }
  }
}

/**
 * Builds an image's root filesystem in `root` from its unpacked layers, base first, with OCI semantics:
 * opaque markers empty a directory, whiteouts delete, directories merge, other entries replace; hardlinks to
 * lower layers are made last. Files are hardlinks into the layer store, so composing copies no data; sandboxes
 * never write to it (they get an overlay or a copy).
 */
export async function composeRootfs(layers: readonly UnpackedLayer[], root: string): Promise<void> {
  await mkdir(root, { recursive: true, mode: 0o755 });
  for (const layer of layers) {
    await new Composer(root, layer, new Set(layer.meta.implicitDirs)).apply();
  }
}
