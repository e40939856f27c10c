import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** A host path bound into the RUN sandbox (cache mounts, secrets). */
export interface SandboxMount {
  readonly source: string;
  /** Absolute path inside the sandbox. */
  readonly target: string;
  readonly readOnly: boolean;
}

/** One RUN command in a bubblewrap sandbox over a stage's root tree. */
export interface SandboxRun {
  readonly bwrap: string;
  /** Bind the host's `/proc` rather than mount a new one (required inside another sandbox). */
  readonly procFromHost?: boolean;
  readonly root: string;
  readonly argv: readonly string[];
  readonly env: readonly (readonly [string, string])[];
  readonly cwd: string;
  readonly uid: number;
  readonly gid: number;
  readonly network: boolean;
  readonly mounts: readonly SandboxMount[];
  /** Host files bound read-only over the image's (resolv.conf, hosts) when the network is on. */
  readonly hostFiles: readonly string[];
  readonly onOutput: (text: string) => void;
  readonly signal?: AbortSignal;
}

/** How the command ended; `setupError` when bubblewrap itself failed before running it. */
export interface SandboxOutcome {
  readonly exitCode: number;
  readonly setupError?: string;
  readonly tail: string;
}

const BWRAP_FAILURE = /(?:^|\n)bwrap: ([^\n]+)\n?$/;

/** The bubblewrap arguments: every namespace unshared but (optionally) the network, the tree as `/`. */
export function sandboxArgs(run: SandboxRun): string[] {
  return [
    '--unshare-all',
    '--unshare-user',
    ...(run.network ? ['--share-net'] : []),
    '--die-with-parent',
    '--bind',
    run.root,
    '/',
    ...(run.procFromHost === true ? ['--ro-bind', '/proc', '/proc'] : ['--proc', '/proc']),
    '--dev',
    '/dev',
    ...run.hostFiles.flatMap((file) => ['--ro-bind', file, file]),
    ...run.mounts.flatMap((mount) => [mount.readOnly ? '--ro-bind' : '--bind', mount.source, mount.target]),
    ...(run.cwd === '/' ? [] : ['--dir', run.cwd]),
    '--chdir',
    run.cwd,
    '--uid',
    String(run.uid),
    '--gid',
    String(run.gid),
    '--hostname',
    'slipway-build',
    '--clearenv',
    ...run.env.flatMap(([name, value]) => ['--setenv', name, value]),
    '--',
    ...run.argv,
  ];
}

/** Runs the command, streaming its output (stdout and stderr interleaved) to `onOutput`. */
export async function runInSandbox(run: SandboxRun): Promise<SandboxOutcome> {
  const child = spawn(run.bwrap, sandboxArgs(run), {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(run.signal ? { signal: run.signal } : {}),
  });
  let tail = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4096);
    run.onOutput(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code, signal] = (await once(child, 'close').catch((error: Error) => [null, error.message])) as [
    number | null,
    string | null,
  ];
  const exitCode = code ?? 128;
  const failure = BWRAP_FAILURE.exec(tail);
  if (exitCode === 1 && failure) return { exitCode, setupError: failure[1] ?? 'bubblewrap failed', tail };
  if (code === null) return { exitCode, setupError: `the sandbox was stopped (${signal ?? 'signal'})`, tail };
  return { exitCode, tail };
}
