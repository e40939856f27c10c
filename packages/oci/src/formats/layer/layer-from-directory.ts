import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { createLayer, sortLayerEntries } from './create-layer';
import type { CreateLayerOptions, LayerBlob, LayerEntry } from './layer-entry';

/** Options for `createLayerFromDirectory`. */
export interface DirectoryLayerOptions extends CreateLayerOptions {
  /** Where the directory's content goes in the image (`app` puts `dir/x` at `app/x`); default: the root. */
  prefix?: string;
}

/**
 * Lists a directory tree as layer entries: files (streamed from disk when the layer is written), directories,
 * symlinks (targets kept as they are) and hardlinks (later names of an inode link to the first).
 * Sockets, FIFOs and devices are skipped: they cannot be meaningfully shipped in an image built by Slipway.
 * With `reproducible`, owners are set to root too, since uids differ between machines.
 */
export async function directoryEntries(
  dir: string,
  options: DirectoryLayerOptions = {},
): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  // Files with several names, by path, so that after sorting the first name is stored and the others link to it.
  const inodeOf = new Map<string, string>();
  const prefix = options.prefix ? posix.normalize(options.prefix).replace(/^\/+|\/+$/g, '') : '';
  async function walk(absolute: string, relative: string): Promise<void> {
    const names = (await readdir(absolute)).sort();
    for (const name of names) {
      const from = join(absolute, name);
      const path = relative === '' ? name : `${relative}/${name}`;
      const info = await lstat(from);
      const meta = {
        mode: info.mode & 0o7777,
        uid: options.reproducible ? 0 : info.uid,
        gid: options.reproducible ? 0 : info.gid,
        mtime: info.mtime,
      };
      if (info.isDirectory()) {
        entries.push({ type: 'directory', path, ...meta });
        await walk(from, path);
      } else if (info.isSymbolicLink()) {
        entries.push({ type: 'symlink', path, target: await readlink(from), ...meta });
      } else if (info.isFile()) {
        entries.push({ type: 'file', path, content: { fromPath: from }, ...meta });
        if (info.nlink > 1) inodeOf.set(path, `${info.dev}:${info.ino}`);
      }
    }
  }
  await walk(dir, prefix);
  const firstName = new Map<string, string>();
  return sortLayerEntries(entries).map((entry) => {
    const inode = inodeOf.get(entry.path);
    if (entry.type !== 'file' || inode === undefined) return entry;
    const first = firstName.get(inode);
    if (first === undefined) {
      firstName.set(inode, entry.path);
      return entry;
    }
    const { content: _content, ...rest } = entry;
    return { ...rest, type: 'hardlink', target: first };
  });
}

/** Creates a layer blob from a directory tree (see `directoryEntries` and `createLayer`). */
export async function createLayerFromDirectory(
  dir: string,
  options: DirectoryLayerOptions = {},
): Promise<LayerBlob> {
  return createLayer(await directoryEntries(dir, options), options);
}
