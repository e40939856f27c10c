import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Gives the owner full access to every directory under `path`, so a non-root owner can delete the tree. */
async function openUp(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isDirectory()) return;
  await chmod(path, 0o700).catch(() => {});
  const names = await readdir(path).catch(() => [] as string[]);
  await Promise.all(names.map((name) => openUp(join(path, name))));
}

/**
 * Deletes a file or tree if it exists. Sandboxed steps may leave read-only directories (`chmod 500`), which
 * only root could delete as they are; when deletion is refused the directories are opened up and it is retried.
 */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    await openUp(path);
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
  }
}
