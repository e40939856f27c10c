// Layers made of this machine's own programs (bash, python3, jq…) with the shared libraries they load, so a
// stand-in image really runs them. Paths inside the image are the host's, so the dynamic loader finds all.
import { execFile } from 'node:child_process';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import type { LayerEntry } from '@slipway/oci';

const run = promisify(execFile);

/** The absolute paths of the shared libraries `ldd` lists for `binary` (the loader included). */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]).catch(() => ({ stdout: '' }));
  const libraries: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) libraries.push(match[1]);
  }
  return libraries;
}

/** Accumulates layer entries for host files, adding each parent directory once. */
export class HostFileSet {
  readonly #entries = new Map<string, LayerEntry>();

  /** Adds `path` (absolute) as it is seen through symlinks: links stay links, their targets are added too. */
  async addFile(path: string): Promise<void> {
    const rel = path.replace(/^\/+/, '');
    if (this.#entries.has(rel)) return;
    this.#addParents(rel);
    const info = await stat(path);
    const target = await readlink(path).catch(() => undefined);
    if (target !== undefined) {
      this.#entries.set(rel, { type: 'symlink', path: rel, target });
      await this.addFile(posix.isAbsolute(target) ? target : join(dirname(path), target));
      return;
    }
    this.#entries.set(rel, {
      type: 'file',
      path: rel,
      content: { fromPath: await realpath(path) },
      mode: info.mode & 0o755,
    });
  }

  /** Adds a program and every shared library it (or, with `alsoLibrariesOf`, those files) loads. */
  async addProgram(path: string, alsoLibrariesOf: readonly string[] = []): Promise<void> {
    await this.addFile(path);
    for (const file of [path, ...alsoLibrariesOf]) {
      for (const library of await sharedLibraries(file)) await this.addFile(library);
    }
  }

  /** Adds a directory tree, leaving out entries whose name `skip` accepts. */
  async addTree(dir: string, skip: (name: string) => boolean): Promise<string[]> {
    const files: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (skip(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) files.push(...(await this.addTree(path, skip)));
      else if (entry.isFile() || entry.isSymbolicLink()) {
        await this.addFile(path);
        files.push(path);
      }
    }
    return files;
  }

  /** Adds a link `path` → `target`. */
  addSymlink(path: string, target: string): void {
    const rel = path.replace(/^\/+/, '');
    this.#addParents(rel);
    this.#entries.set(rel, { type: 'symlink', path: rel, target });
  }

  /** The entries, parents first. */
  entries(): LayerEntry[] {
    return [...this.#entries.values()];
  }

  #addParents(rel: string): void {
    for (let dir = posix.dirname(rel); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
      if (!this.#entries.has(dir)) this.#entries.set(dir, { type: 'directory', path: dir });
    }
  }
}
