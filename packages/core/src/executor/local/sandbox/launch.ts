import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ARGS_FD, STATUS_FD } from './bwrap-args';
import type { HostTools } from './host-tools';
import type { PreparedRoot } from './pod-root';

/** How a sandbox ended: the command's exit code, or why the sandbox never ran it. */
export type SandboxResult =
  | { readonly started: true; readonly exitCode: number }
  | { readonly started: false; readonly error: string };

/** A running sandbox. */
export interface SandboxProcess {
  readonly pid: number;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the command has exited and its output has been read to the end. */
  readonly done: Promise<SandboxResult>;
  /**
   * The host path of the container's root after `done`, until `release`: for overlays, the merged view
   * through `/proc/PID/root` of the process holding the mount namespace (only when launched with `hold`).
   */
  readonly rootView: string;
  /** Kills the whole process group (and, through `--die-with-parent`, everything in the sandbox). */
  kill(): void;
  /** Lets go of the container's root (unmounts its overlay) and waits for the last process to exit. */
  release(): Promise<void>;
}

// Mounts the overlay in the user+mount namespace `unshare` made and runs bubblewrap, which therefore sees it.
// When outputs are to be read afterwards (`hold`), the script outlives bubblewrap: it closes the output pipes
// and waits for Slipway to close stdin, and meanwhile Slipway reads the container's files through
// /proc/PID/root. The overlay disappears with the namespace when the script exits.
const OVERLAY_SETUP = [
  '"$1" -t overlay overlay -o "lowerdir=$2,upperdir=$3,workdir=$4" "$5" || exit 125',
  'bwrap="$6"; shift 6',
];
const OVERLAY_HOLD = [
  ...OVERLAY_SETUP,
  `"$bwrap" --args ${ARGS_FD} -- "$@" </dev/null`,
  `exec >/dev/null 2>&1 ${STATUS_FD}>&- ${ARGS_FD}<&-`,
  'read -r _ || true',
].join('\n');
const OVERLAY_EXEC = [...OVERLAY_SETUP, `exec "$bwrap" --args ${ARGS_FD} -- "$@" </dev/null`].join('\n');

// bubblewrap reports its own set-up failures (a bind it cannot make, a command it cannot exec) as a last
// stderr line with this prefix and exit code 1, after it has already announced the child pid.
const BWRAP_FAILURE = /(?:^|\n)bwrap: ([^\n]+)\n?$/;

function spawnSandbox(
  root: PreparedRoot,
  argv: readonly string[],
  tools: HostTools,
  hold: boolean,
): ChildProcess {
  const stdio: ('pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'];
  if (root.kind !== 'overlay') {
    return spawn(tools.bwrap, ['--args', String(ARGS_FD), '--', ...argv], {
      stdio: ['ignore', ...stdio.slice(1)],
      detached: true,
    });
  }
  const { lower, upper, work, merged } = root;
  const script = hold ? OVERLAY_HOLD : OVERLAY_EXEC;
  const args = ['--user', '--map-root-user', '--mount', tools.sh, '-c', script, 'slipway-sandbox'];
  return spawn(tools.unshare, [...args, tools.mount, lower, upper, work, merged, tools.bwrap, ...argv], {
    stdio,
    detached: true,
  });
}

/** Reads bubblewrap's JSON status lines: whether the child was created and its exit code. */
async function readStatus(stream: Readable): Promise<{ childPid?: number; exitCode?: number }> {
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
  const status: { childPid?: number; exitCode?: number } = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const doc = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof doc['child-pid'] === 'number') status.childPid = doc['child-pid'];
      if (typeof doc['exit-code'] === 'number') status.exitCode = doc['exit-code'];
    } catch {
      // A torn line cannot happen with bubblewrap's single writes; ignore anything else.
    }
  }
  return status;
}

/**
 * Starts bubblewrap with `options` (given through a pipe) running `argv`, over a prepared root. The caller
 * reads `stdout` and `stderr`; `stderrTail` gives the last stderr text, used to explain a sandbox that failed
 * to start. With `hold`, an overlay root stays readable through `rootView` until `release`.
 */
export function launchSandbox(
  root: PreparedRoot,
  options: readonly string[],
  argv: readonly string[],
  tools: HostTools,
  stderrTail: () => string,
  hold: boolean,
): SandboxProcess {
  const child = spawnSandbox(root, argv, tools, hold);
  const pid = child.pid ?? 0;
  let killed = false;
  const pipes = child.stdio;
  child.stdin?.on('error', () => {});
  const argsPipe = pipes[ARGS_FD] as NodeJS.WritableStream | null;
  argsPipe?.on('error', () => {});
  argsPipe?.end(Buffer.from(options.map((arg) => `${arg}\0`).join('')));
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
  });
  const spawnError = once(child, 'spawn').then(
    () => undefined,
    (error: Error) => error.message,
  );
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  const ended = (stream: Readable) =>
    stream.readableEnded ? Promise.resolve() : once(stream, 'close').then(() => undefined);
  const done = (async (): Promise<SandboxResult> => {
    const failedToSpawn = await spawnError;
    if (failedToSpawn) return { started: false, error: `cannot run ${tools.bwrap}: ${failedToSpawn}` };
    const status = await readStatus(pipes[STATUS_FD] as Readable);
    await Promise.all([ended(stdout), ended(stderr)]);
    const failure = BWRAP_FAILURE.exec(stderrTail());
    if (status.exitCode !== undefined && !(status.exitCode === 1 && failure)) {
      return { started: true, exitCode: status.exitCode };
    }
    // Killed by us (sidecars at the end, deadlines): bubblewrap died before it could report an exit code.
    if (killed && status.childPid !== undefined) return { started: true, exitCode: 137 };
    // Otherwise bubblewrap, or the overlay mount before it, failed before running the command. (The overlay
    // wrapper may be waiting for `release`, so its own exit code cannot be awaited here.)
    const why =
      failure?.[1] ?? (stderrTail().trim().split('\n').at(-1) || 'bubblewrap reported no exit status');
    return { started: false, error: `the sandbox did not start: ${why}` };
  })();
  return {
    pid,
    stdout,
    stderr,
    done,
    rootView:
      root.kind === 'overlay' ? `/proc/${pid}/root${root.merged}` : root.kind === 'dir' ? root.dir : '/',
    kill() {
      if (pid === 0 || child.exitCode !== null || child.signalCode !== null) return;
      killed = true;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    async release() {
      child.stdin?.end();
      await exited;
    },
  };
}
