import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { join, posix } from 'node:path';
import picomatch from 'picomatch';
import { ContextEscapeError, type DockerfileLocation, SourceNotFoundError } from '../errors';
import { resolveInRoot } from '../rootfs/resolve-in-root';
import type { IgnoreMatcher } from './dockerignore';

/** Where COPY reads from: the build context (with `.dockerignore`), or another stage's or image's root. */
export interface SourceRoot {
  readonly dir: string;
  readonly kind: 'context' | 'root';
  /** For messages: `the build context`, `stage build`. */
  readonly name: string;
  readonly ignored: IgnoreMatcher;
}

/** A source path found: where it is on disk and whether it is a directory (copied by content). */
export interface ResolvedSource {
  readonly host: string;
  readonly path: string;
  readonly isDirectory: boolean;
}

const GLOB = /[*?[]/;

async function allPaths(root: SourceRoot): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    for (const entry of await readdir(join(root.dir, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (root.ignored(path)) continue;
      found.push(path);
      if (entry.isDirectory()) await walk(path);
    }
  }
  await walk('');
  return found;
}

async function checkInside(
  root: SourceRoot,
  path: string,
  location: DockerfileLocation,
  pattern: string,
): Promise<string> {
  const host = join(root.dir, path);
  const real = await realpath(host).catch(() => undefined);
  if (real === undefined) {
    const info = await lstat(host).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      throw new ContextEscapeError(
        location,
        pattern,
        `is a symlink to \`${await readlink(host)}\`, which does not exist in the context`,
      );
    }
    throw new SourceNotFoundError(location, pattern, root.name);
  }
  if (real !== root.dir && !real.startsWith(`${root.dir}/`)) {
    throw new ContextEscapeError(
      location,
      pattern,
      `resolves through a symlink to \`${real}\`, outside the build context`,
    );
  }
  return real;
}

async function resolveOne(
  root: SourceRoot,
  path: string,
  location: DockerfileLocation,
  pattern: string,
): Promise<ResolvedSource> {
  let host: string;
  if (root.kind === 'context') {
    if (path !== '' && root.ignored(path))
      throw new SourceNotFoundError(location, pattern, `${root.name} (it is in .dockerignore)`);
    host = await checkInside(root, path, location, pattern);
  } else {
    host = join(root.dir, await resolveInRoot(root.dir, path));
  }
  const info = await lstat(host).catch(() => undefined);
  if (!info) throw new SourceNotFoundError(location, pattern, root.name);
  return { host, path, isDirectory: info.isDirectory() };
}

/**
 * Finds the sources of a COPY/ADD: plain paths and globs, relative to the root (a leading `/` too). In the
 * build context `..` out of it, symlinks leading out and `.dockerignore`d paths are errors.
 */
export async function resolveSources(
  root: SourceRoot,
  patterns: readonly string[],
  location: DockerfileLocation,
): Promise<{ sources: ResolvedSource[]; wildcard: boolean }> {
  const sources: ResolvedSource[] = [];
  let wildcard = false;
  for (const pattern of patterns) {
    const normalized = posix.normalize(pattern.replace(/^\/+/, '') || '.');
    if (normalized === '..' || normalized.startsWith('../')) {
      throw new ContextEscapeError(location, pattern, `is outside ${root.name}`);
    }
    const path = normalized === '.' ? '' : normalized.replace(/\/+$/, '');
    if (!GLOB.test(path)) {
      sources.push(await resolveOne(root, path, location, pattern));
      continue;
    }
    wildcard = true;
    const match = picomatch(path, { dot: true });
    const matched = (await allPaths(root)).filter((candidate) => match(candidate));
    if (matched.length === 0) throw new SourceNotFoundError(location, pattern, root.name);
    for (const candidate of matched) sources.push(await resolveOne(root, candidate, location, pattern));
  }
  return { sources, wildcard };
}
