import { lstat, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import type { DockerfileInstruction } from '../dockerfile/parse-dockerfile';
import { DockerfileSyntaxError, RunFailedError } from '../errors';
import { diffSnapshots, takeSnapshot } from '../rootfs/snapshot';
import { resolveIds } from '../rootfs/users';
import { runInSandbox } from '../run/run-sandbox';
import { type BuildEnv, ensureTree } from './build-env';
import { DEFAULT_SHELL, envMap } from './metadata';
import { runMounts } from './run-mounts';
import type { StageImage } from './stage-image';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function ancestorsAndSelf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function networkOf(instruction: DockerfileInstruction, env: BuildEnv, file: string): boolean {
  const flag = instruction.flags.find((f) => f.name === 'network')?.value;
  if (flag === undefined || flag === 'default') return env.network;
  if (flag === 'none') return false;
  if (flag === 'host') return true;
  throw new DockerfileSyntaxError(
    { file, line: instruction.line },
    `--network=${flag}: use default, none or host`,
  );
}

/**
 * Runs a RUN instruction in a bubblewrap sandbox over the stage's tree, as the image's user with its env and
 * working directory (build args in scope added to the env), and returns the layer entries of what it changed.
 */
export async function runStep(
  image: StageImage,
  instruction: DockerfileInstruction,
  args: ReadonlyMap<string, string>,
  env: BuildEnv,
  stageName: string,
): Promise<LayerEntry[]> {
  const file = env.dockerfile.file;
  const location = { file, line: instruction.line };
  const tree = await ensureTree(image, env.workDir);
  const run = image.config.config ?? {};
  const ids = await resolveIds(tree.dir, run.User || '0');
  if ('missing' in ids)
    throw new RunFailedError(location, instruction.args, undefined, `USER ${run.User}: no ${ids.missing}`);
  const cwd = run.WorkingDir || '/';
  const { mounts, targets } = await runMounts(instruction, file, cwd, env.mountCacheDir, env.secrets);
  const environment = envMap(run.Env);
  for (const [name, value] of args) if (!environment.has(name)) environment.set(name, value);
  if (!environment.has('PATH')) environment.set('PATH', DEFAULT_PATH);
  const argv = instruction.json ? [...instruction.json] : [...(run.Shell ?? DEFAULT_SHELL), instruction.args];
  const before = await takeSnapshot(tree.dir);
  // Mount points bubblewrap makes in the tree (and their parents) are not part of what the command did.
  const mountPoints = ['proc', 'dev', ...targets]
    .flatMap(ancestorsAndSelf)
    .filter((path) => !before.has(path));
  const outcome = await runInSandbox({
    bwrap: env.bwrap,
    procFromHost: env.nestedSandbox,
    root: tree.dir,
    argv,
    env: [...environment],
    cwd,
    uid: ids.uid,
    gid: ids.gid,
    network: networkOf(instruction, env, file),
    mounts,
    hostFiles: [],
    onOutput: (text) => env.onEvent({ type: 'output', stage: stageName, text }),
  });
  for (const path of mountPoints.sort((a, b) => b.length - a.length)) {
    const info = await lstat(join(tree.dir, path)).catch(() => undefined);
    if (info?.isDirectory() || info?.isFile())
      await rm(join(tree.dir, path), { recursive: true, force: true });
  }
  if (outcome.setupError)
    throw new RunFailedError(
      location,
      instruction.args,
      undefined,
      `the sandbox did not start: ${outcome.setupError}`,
    );
  if (outcome.exitCode !== 0) {
    const last = outcome.tail.trim().split('\n').slice(-3).join(' | ');
    throw new RunFailedError(
      location,
      instruction.args,
      outcome.exitCode,
      `the command failed${last ? `: ${last}` : ''}`,
    );
  }
  const after = await takeSnapshot(tree.dir);
  const entries = await diffSnapshots(tree, before, after, ids);
  return entries.filter((entry) => !mountPoints.includes(entry.path) || posix.basename(entry.path) === '');
}
