import { writeFile } from 'node:fs/promises';
import { run } from './processes';

/** Writes an htpasswd file with one bcrypt entry (distribution reads bcrypt only). */
export async function writeHtpasswd(path: string, username: string, password: string): Promise<void> {
  const line = await run('htpasswd', ['-Bbn', username, password]);
  await writeFile(path, `${line.trim()}\n`);
}
