import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * sha256 of files, remembered by (path, size, mtime, ctime, inode) so that an unchanged context is not read
 * again: with a cache directory the memo is kept between builds, which makes a no-change rebuild cheap.
 */
export class FileHasher {
  private readonly memo = new Map<string, string>();
  private dirty = false;

  private constructor(private readonly file?: string) {}

  /** A hasher whose memo lives in `file` (none: for this build only). */
  static async open(file?: string): Promise<FileHasher> {
    const hasher = new FileHasher(file);
    if (file) {
      const text = await readFile(file, 'utf8').catch(() => '{}');
      try {
        for (const [key, value] of Object.entries(JSON.parse(text) as Record<string, string>)) {
          hasher.memo.set(key, value);
        }
      } catch {
        // A damaged memo is only a slower build.
      }
    }
    return hasher;
  }

  /** The hex sha256 of the file at `path`. */
  async hash(path: string): Promise<string> {
    const info = await stat(path, { bigint: true });
    const key = `${path}\0${info.size}\0${info.mtimeNs}\0${info.ctimeNs}\0${info.ino}`;
    const known = this.memo.get(key);
    if (known) return known;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const hex = hash.digest('hex');
    this.memo.set(key, hex);
    this.dirty = true;
    return hex;
  }

  /** Writes the memo back (when it has a file and changed). */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, JSON.stringify(Object.fromEntries(this.memo)));
    this.dirty = false;
  }
}
