import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Ownership and permissions of a path as the image records them (on disk everything is the builder's). */
export interface PathOwnership {
  readonly uid: number;
  readonly gid: number;
  readonly mode: number;
}

/** A stage's root filesystem on disk, with the ownership the layers give its paths. */
export class RootTree {
  /** Image path (`usr/bin/sh`) → its recorded ownership and mode. */
  readonly owners = new Map<string, PathOwnership>();
  /** How many of the stage's layers are applied to `dir`. */
  applied = 0;

  private constructor(readonly dir: string) {}

  /** A fresh empty root under `parent`. */
  static async create(parent: string): Promise<RootTree> {
    return new RootTree(await mkdtemp(join(parent, 'root-')));
  }

  /** Forgets `path` and everything under it. */
  forget(path: string): void {
    this.owners.delete(path);
    const prefix = path === '' ? '' : `${path}/`;
    for (const key of this.owners.keys()) if (key.startsWith(prefix)) this.owners.delete(key);
  }

  /** Removes the tree from disk. */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
