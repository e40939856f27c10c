import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuildFetchError, BuildOptionsError } from '../errors';
import { applyLayerBlob } from '../rootfs/apply-entries';
import { RootTree } from '../rootfs/root-tree';
import { type IgnoreMatcher, readDockerignore } from './dockerignore';

/** The files COPY and ADD read: a directory (real path), what `.dockerignore` leaves out, and how to let go. */
export interface BuildContext {
  readonly dir: string;
  readonly ignored: IgnoreMatcher;
  close(): Promise<void>;
}

/** Where the context comes from: a directory, a tar file (plain or gzip) or a git repository URL. */
export type ContextSpec =
  | { readonly kind: 'dir'; readonly path: string }
  | { readonly kind: 'tar'; readonly path: string }
  | { readonly kind: 'git'; readonly url: string; readonly ref?: string; readonly subdir?: string };

/**
 * Reads a context as Kaniko's `--context` writes it: `dir://PATH`, `tar://PATH`, `git://HOST/REPO[#REF[#COMMIT]]`,
 * `git+URL[#REF]` (any git URL, `git+file:///srv/repo.git#main`), or a plain path (a directory or a tar file).
 */
export async function parseContextSpec(text: string): Promise<ContextSpec> {
  if (text.startsWith('dir://')) return { kind: 'dir', path: text.slice(6) };
  if (text.startsWith('tar://')) return { kind: 'tar', path: text.slice(6) };
  const git = /^(git:\/\/|git\+)(.*)$/.exec(text);
  if (git) {
    const [address = '', ref, commit] = (git[2] ?? '').split('#');
    const url = git[1] === 'git://' ? `https://${address}` : address;
    const wanted = commit || ref;
    return { kind: 'git', url, ...(wanted ? { ref: wanted } : {}) };
  }
  if (/^[a-z0-9]+:\/\//.test(text)) {
    throw new BuildOptionsError(
      '--context',
      `\`${text}\` is not a context Slipway reads (dir://, tar://, git://, git+URL, a path)`,
    );
  }
  const info = await stat(text).catch(() => undefined);
  if (!info) throw new BuildOptionsError('--context', `\`${text}\` does not exist`);
  return info.isDirectory() ? { kind: 'dir', path: text } : { kind: 'tar', path: text };
}

async function cloneGit(spec: { url: string; ref?: string }, into: string): Promise<void> {
  const run = promisify(execFile);
  try {
    await run('git', ['init', '-q', into]);
    await run('git', ['-C', into, 'fetch', '-q', '--depth', '1', spec.url, spec.ref ?? 'HEAD']);
    await run('git', ['-C', into, 'checkout', '-q', 'FETCH_HEAD']);
    await rm(join(into, '.git'), { recursive: true, force: true });
  } catch (error) {
    throw new BuildFetchError(
      `git context ${spec.url}`,
      `cannot be fetched (${(error as Error).message.trim()})`,
      { cause: error },
    );
  }
}

/** Makes a context available as a directory; tar and git contexts are unpacked under `workDir`. */
export async function openContext(spec: ContextSpec, workDir: string): Promise<BuildContext> {
  if (spec.kind === 'dir') {
    const dir = await realpath(spec.path).catch(() => {
      throw new BuildOptionsError('--context', `directory \`${spec.path}\` does not exist`);
    });
    return { dir, ignored: await readDockerignore(dir), close: async () => {} };
  }
  const temporary = await mkdtemp(join(workDir, 'context-'));
  try {
    if (spec.kind === 'tar') {
      const tree = await RootTree.create(temporary);
      const digest = 'sha256:context' as const;
      await applyLayerBlob(tree, createReadStream(spec.path), { mediaType: 'tar', digest, size: 0 });
      const dir = await realpath(tree.dir);
      return {
        dir,
        ignored: await readDockerignore(dir),
        close: () => rm(temporary, { recursive: true, force: true }),
      };
    }
    const dir = join(temporary, 'git');
    await cloneGit(spec, dir);
    const root = await realpath(spec.subdir ? join(dir, spec.subdir) : dir);
    return {
      dir: root,
      ignored: await readDockerignore(root),
      close: () => rm(temporary, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
