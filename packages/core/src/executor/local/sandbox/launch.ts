import { access } from 'node:fs/promises';
import { ContainerLogs, type OutputSink } from './container-logs';
import type { HostTools } from './host-tools';
import type { SupervisorLauncher } from './launcher';
import type { PreparedRoot } from './pod-root';
import { exited, isAlive, killGroup, type ProcessIdentity, readIdentitySync } from './proc-identity';
import { type OutputTails, type SandboxResult, sandboxResult } from './sandbox-result';
import { type SupervisorOptions, sandboxFile, supervisorArgv } from './supervisor';

export type { SandboxResult } from './sandbox-result';

/** A running sandbox. */
export interface SandboxProcess {
  /** The supervisor's pid (the leader of the sandbox's process group), once it has started. */
  readonly pid: number | undefined;
  /** Settles once the command has exited and its output has all been passed on. */
  readonly done: Promise<SandboxResult>;
  /**
   * The host path of the container's root after `done`, until `release`: for overlays, the merged view
   * through `/proc/PID/root` of the supervisor holding the mount namespace (only when launched with `hold`).
   */
  readonly rootView: string;
  /** Kills the whole process group (and, through `--die-with-parent`, everything in the sandbox). */
  kill(): void;
  /** Lets go of the container's root (unmounts its overlay; waits for its supervisor to be gone). */
  release(): Promise<void>;
}

/** Where a sandbox's files are, how it runs, and where its output goes. */
export interface SandboxIo extends SupervisorOptions {
  readonly output: OutputSink;
}

// Besides the `exited` file appearing, the supervisor is checked this often: it may have been killed.
const CHECK_MS = 100;
// A supervisor that has not recorded itself by then never started (its launcher died with the request).
const START_TIMEOUT_MS = 60_000;
// A killed supervisor holding a root is gone within milliseconds; this is how often that is checked.
const GONE_POLL_MS = 5;

/** Whether the container of this directory has finished (its supervisor wrote `exited`). */
export async function hasExited(dir: string): Promise<boolean> {
  return access(sandboxFile(dir, 'exited')).then(
    () => true,
    () => false,
  );
}

function tails(logs: ContainerLogs, tty: boolean): OutputTails {
  return { stderr: logs.last('stderr'), terminal: tty ? logs.last('stdout') : '' };
}

/**
 * Follows a sandbox through the files of its supervisor: its output as it is written, its end when `exited`
 * appears (or the supervisor is found dead). `known`: the supervisor of a sandbox an earlier process started;
 * otherwise it is read from the `supervisor` file once the supervisor has written it.
 */
function follow(root: PreparedRoot, io: SandboxIo, known?: ProcessIdentity): SandboxProcess {
  let identity = known;
  let killRequested = false;
  let killSent = false;
  let wake: () => void = () => {};
  const identify = () => {
    identity ??= readIdentitySync(sandboxFile(io.dir, 'identity'));
    return identity;
  };
  const sendKill = () => {
    const supervisor = killRequested && !killSent ? identify() : undefined;
    if (supervisor === undefined) return;
    killSent = true;
    // A killed supervisor writes no `exited`: its end is watched for here instead.
    void killGroup(supervisor)
      .then(() => exited(supervisor, GONE_POLL_MS))
      .then(() => wake());
  };
  const logs = new ContainerLogs(io.dir, io.output, (name) => {
    if (name === 'identity' || name === 'exited') {
      sendKill();
      wake();
    }
  });
  logs.start(known !== undefined);
  const started = Date.now();
  const done = (async (): Promise<SandboxResult> => {
    for (;;) {
      if (await hasExited(io.dir)) break;
      const supervisor = identify();
      if (supervisor !== undefined && !(await isAlive(supervisor))) break;
      if (supervisor === undefined && Date.now() - started > START_TIMEOUT_MS) break;
      sendKill();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CHECK_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    wake = () => {};
    await logs.close();
    return sandboxResult(io.dir, tails(logs, io.tty), killRequested, identify() !== undefined);
  })();
  return {
    get pid() {
      return identify()?.pid;
    },
    done,
    get rootView() {
      if (root.kind === 'dir') return root.dir;
      if (root.kind === 'host') return '/';
      return `/proc/${identify()?.pid ?? 0}/root${root.merged}`;
    },
    kill() {
      killRequested = true;
      sendKill();
    },
    async release() {
      const supervisor = identify();
      // Without a held root, the supervisor ends by itself right after `exited`.
      if (!io.hold || supervisor === undefined) return;
      await killGroup(supervisor);
      await exited(supervisor, GONE_POLL_MS);
    },
  };
}

/**
 * Starts bubblewrap with `options` running `argv` over a prepared root, under a supervisor that outlives
 * this process (see `supervisorArgv`), started through `launcher`; its output is followed in its files.
 */
export function launchSandbox(
  root: PreparedRoot,
  options: readonly string[],
  argv: readonly string[],
  tools: HostTools,
  launcher: SupervisorLauncher,
  io: SandboxIo,
): SandboxProcess {
  const sandbox = follow(root, io);
  launcher.start(
    supervisorArgv(root, argv, tools, io),
    Buffer.from(options.map((arg) => `${arg}\0`).join('')),
    sandboxFile(io.dir, 'exited'),
  );
  return sandbox;
}

/** Follows a sandbox started by an earlier process, found again by its supervisor's identity. */
export function attachSandbox(
  root: PreparedRoot,
  supervisor: ProcessIdentity,
  io: SandboxIo,
): SandboxProcess {
  return follow(root, io, supervisor);
}
