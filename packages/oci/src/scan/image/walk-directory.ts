import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanTargetError } from '../errors';
import type { Collector } from './collector';

// Version-control metadata is never part of what is built or shipped.
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

/** Walks a directory tree (symlinks not followed) into `collector`, paths relative to `root`. */
export async function walkDirectory(root: string, collector: Collector): Promise<void> {
  const top = await lstat(root).catch((error: unknown) => {
    throw new ScanTargetError(root, 'does not exist or cannot be read', { cause: error });
  });
  if (!top.isDirectory()) throw new ScanTargetError(root, 'is not a directory');
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relative = pending.pop() as string;
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !collector.skipsDirectory(path)) pending.push(path);
      } else if (entry.isFile()) {
        const absolute = join(root, path);
        const stats = await lstat(absolute);
        await collector.add({
          path,
          size: stats.size,
          mode: stats.mode & 0o7777,
          read: () => readFile(absolute),
        });
      }
    }
  }
}
