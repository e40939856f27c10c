import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DockerConfigAccessError } from './auth-errors';

async function resolveTarget(path: string): Promise<string> {
  try {
    // Write through a symlinked config.json to its target, as docker does, instead of replacing the link.
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * Writes a JSON object as 2-space JSON with mode 0600, atomically: a temp file in the same
 * directory (created 0700 if missing) is synced, then renamed over the target.
 */
export async function writeConfigFile(path: string, value: unknown): Promise<void> {
  const target = await resolveTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new DockerConfigAccessError(path, 'write', code, { cause: error });
  }
}
