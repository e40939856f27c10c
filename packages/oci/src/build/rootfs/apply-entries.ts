import { createWriteStream } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import { readLayer } from '../../formats/layer/read-layer';
import type { Descriptor } from '../../model/descriptors';
import { resolveInRoot } from './resolve-in-root';
import type { RootTree } from './root-tree';

/** Content to write for a file entry: bytes, a file on disk, or a stream (of a layer being read). */
type Content = Uint8Array | string | { readonly fromPath: string } | AsyncIterable<Uint8Array>;

/** An entry to put into a root tree: what layers and COPY produce. */
export interface TreeEntry {
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';
  readonly path: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: Date;
  readonly target?: string;
  readonly content?: Content;
}

// The builder must be able to write into every directory it extracts, whatever mode the image gives it;
// the image's mode is kept in the tree's ownership record.
const OWNER_RWX = 0o700;

async function writeContent(path: string, content: Content | undefined, mode: number): Promise<void> {
  if (content === undefined || typeof content === 'string' || content instanceof Uint8Array) {
    await writeFile(path, content ?? '', { mode });
  } else if ('fromPath' in content) {
    await copyFile(content.fromPath, path);
  } else {
    await pipeline(Readable.from(content), createWriteStream(path, { mode }));
  }
  await chmod(path, mode);
}

async function clearDirectory(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
}

/** Applies one entry to the tree: whiteouts delete, others replace what is at their path. */
export async function applyEntry(tree: RootTree, entry: TreeEntry): Promise<void> {
  const parent = await resolveInRoot(tree.dir, posix.dirname(entry.path));
  const relative = parent === '' ? posix.basename(entry.path) : `${parent}/${posix.basename(entry.path)}`;
  const host = join(tree.dir, relative);
  if (entry.type === 'whiteout') {
    await rm(host, { recursive: true, force: true });
    tree.forget(relative);
    return;
  }
  if (entry.type === 'opaque') {
    await clearDirectory(host);
    tree.forget(relative);
    return;
  }
  if (entry.type === 'other') return;
  await mkdir(join(tree.dir, parent), { recursive: true });
  const existing = await lstat(host).catch(() => undefined);
  const mode = (entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644)) & 0o7777;
  if (existing && !(existing.isDirectory() && entry.type === 'directory')) {
    await rm(host, { recursive: true, force: true });
  }
  switch (entry.type) {
    case 'directory':
      if (!existing?.isDirectory()) await mkdir(host);
      await chmod(host, mode | OWNER_RWX);
      break;
    case 'file':
      await writeContent(host, entry.content, mode);
      if (entry.mtime) await utimes(host, entry.mtime, entry.mtime);
      break;
    case 'symlink':
      await symlink(entry.target ?? '', host);
      break;
    case 'hardlink':
      await link(join(tree.dir, await resolveInRoot(tree.dir, entry.target ?? '', false)), host);
      break;
  }
  tree.owners.set(relative, { uid: entry.uid ?? 0, gid: entry.gid ?? 0, mode });
}

/** Applies layer entries built in memory (COPY results) to the tree, in order. */
export async function applyLayerEntries(tree: RootTree, entries: readonly LayerEntry[]): Promise<void> {
  for (const entry of entries) await applyEntry(tree, entry);
}

/** Extracts a layer blob (gzip or plain tar, checked by the safe tar reader) onto the tree. */
export async function applyLayerBlob(
  tree: RootTree,
  blob: AsyncIterable<Uint8Array>,
  descriptor: Descriptor,
): Promise<void> {
  for await (const entry of readLayer(blob, `layer ${descriptor.digest}`)) {
    await applyEntry(tree, entry);
  }
}
