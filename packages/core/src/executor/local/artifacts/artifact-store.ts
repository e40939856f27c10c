import { randomUUID } from 'node:crypto';
import { lstat, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactError } from '../errors';
import { copyTree } from '../fs/copy-tree';
import { removeTree } from '../fs/remove-tree';
import { resolveInRoot } from '../fs/resolve-in-root';
import { makeTempDir } from '../image/cache-layout';

/** Where artifacts live between steps: files and directories stored as they are, under a key. */
export interface ArtifactStore {
  /** Stores a copy of a file or directory under `key` (a new random key when omitted); gives the key. */
  put(source: string, key?: string): Promise<string>;
  /**
   * The path of a stored artifact (to read or copy, never to modify), or undefined when there is none;
   * `<key>/<subPath>` names a path inside a stored directory.
   */
  get(key: string): Promise<string | undefined>;
}

const KEY = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const MAX_KEY = 200;

/** Makes any text usable as one segment of a key. */
export function keySegment(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}

function checkKey(key: string): void {
  if (
    !KEY.test(key) ||
    key.length > MAX_KEY ||
    key.split('/').some((part) => part === '.' || part === '..')
  ) {
    throw new ArtifactError(
      `invalid artifact key \`${key}\`: use up to ${MAX_KEY} characters of letters, digits, '.', '_', '-' in '/'-separated segments`,
    );
  }
}

/**
 * An artifact store in a local directory: `objects/<key, '/' encoded>/data` is the file or directory. Writes
 * go to a temporary directory and are renamed into place, so readers never see a partial artifact. Artifacts
 * are stored as plain files (no tar+gzip `archive`, which only matters for remote stores).
 */
export class DirectoryArtifactStore implements ArtifactStore {
  constructor(
    readonly dir: string,
    private readonly cpPath = 'cp',
  ) {}

  private objectDir(key: string): string {
    return join(this.dir, 'objects', encodeURIComponent(key));
  }

  async put(source: string, key: string = randomUUID()): Promise<string> {
    checkKey(key);
    const temp = await makeTempDir(this.dir, 'artifact');
    try {
      await copyTree(source, join(temp, 'data'), this.cpPath);
      await mkdir(join(this.dir, 'objects'), { recursive: true });
      const final = this.objectDir(key);
      const old = `${temp}.old`;
      // Replacing a key: move the old one aside first (rename cannot replace a non-empty directory).
      const hadOld = await rename(final, old).then(
        () => true,
        () => false,
      );
      await rename(temp, final);
      if (hadOld) await removeTree(old);
      return key;
    } catch (error) {
      await removeTree(temp);
      throw new ArtifactError(
        `cannot store artifact \`${key}\` from ${source}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async get(key: string): Promise<string | undefined> {
    checkKey(key);
    const path = join(this.objectDir(key), 'data');
    if (await lstat(path).catch(() => undefined)) return path;
    return this.inside(key);
  }

  /**
   * An artifact's `subPath` is appended to its key, as Argo does for S3 keys (`<key>/<subPath>`): the longest
   * stored key that is a prefix names a directory artifact, and the rest is resolved inside it without
   * leaving it (symlinks stop at its root).
   */
  private async inside(key: string): Promise<string | undefined> {
    const parts = key.split('/');
    for (let split = parts.length - 1; split > 0; split--) {
      const base = join(this.objectDir(parts.slice(0, split).join('/')), 'data');
      if (!(await lstat(base).catch(() => undefined))?.isDirectory()) continue;
      const path = await resolveInRoot(base, parts.slice(split).join('/'), []);
      return (await lstat(path).catch(() => undefined)) ? path : undefined;
    }
    return undefined;
  }
}
