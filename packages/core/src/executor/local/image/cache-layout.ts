import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTree } from '../fs/remove-tree';

/** A digest as a directory name: `sha256:ab…` → `sha256-ab…` (only lowercase hex digests are accepted). */
export function digestDirName(digest: string): string {
  const match = /^(sha256|sha512):([a-f0-9]{64,128})$/.exec(digest);
  if (!match) throw new Error(`\`${digest}\` is not a sha256 or sha512 digest`);
  return `${match[1]}-${match[2]}`;
}

/** Whether a path exists (anything: file, directory, link). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A fresh private directory under `<cache>/tmp`, on the same filesystem as its final place (for rename). */
export async function makeTempDir(cacheDir: string, label: string): Promise<string> {
  const dir = join(cacheDir, 'tmp', `${label}-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * Moves a finished temporary directory to its final name in one rename, so readers see all of it or none.
 * When another process published the same content first, ours is deleted and false is returned.
 */
export async function publishDir(temp: string, final: string): Promise<boolean> {
  try {
    await rename(temp, final);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    await removeTree(temp);
    return false;
  }
}

/** Writes a file whole or not at all (temporary file in the same directory, then rename). */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  await rename(temp, path);
}
