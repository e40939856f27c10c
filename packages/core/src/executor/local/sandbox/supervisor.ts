import { join } from 'node:path';
import { ARGS_FD, STATUS_FD } from './bwrap-args';
import type { HostTools } from './host-tools';
import type { PreparedRoot } from './pod-root';
import { shellWord } from './shell-word';

/** The files a container's supervisor keeps in the container's directory. */
export const SANDBOX_FILES = {
  stdout: 'stdout.log',
  stderr: 'stderr.log',
  /** bubblewrap's JSON status lines (child pid, then exit code). */
  status: 'bwrap-status.json',
  /** Written once bubblewrap has returned: the container has finished and its output files are complete. */
  exited: 'exited',
  /** A copy of the supervisor's own `/proc/self/stat`: its pid and start time, to find it again. */
  identity: 'supervisor',
} as const;

/** A path of one of a container's sandbox files. */
export function sandboxFile(dir: string, name: keyof typeof SANDBOX_FILES): string {
  return join(dir, SANDBOX_FILES[name]);
}

// The supervisor is a shell in a session of its own, so it outlives Slipway: it takes bubblewrap's options
// from its stdin, records who it is, sends bubblewrap's output and status to files in the container's
// directory, and marks the end with `exited` (which Slipway watches for). With `hold` it then becomes a `sleep` that keeps the mount namespace (and the overlay in it) until it is killed
// (or a day has passed), so outputs can be read through /proc/PID/root — by this process or, after a
// restart, the next one.
const HEAD = [
  `exec ${ARGS_FD}<&0 </dev/null`,
  'd=$1 bwrap=$2 sleep=$3; shift 3',
  'read -r self </proc/self/stat; printf "%s\\n" "$self" >"$d/supervisor"',
  `exec 2>"$d/${SANDBOX_FILES.stderr}" ${STATUS_FD}>"$d/${SANDBOX_FILES.status}"`,
];
const MOUNT = ['"$1" -t overlay overlay -o "lowerdir=$2,upperdir=$3,workdir=$4" "$5" || exit 125', 'shift 5'];
const RUN = `"$bwrap" --args ${ARGS_FD} -- "$@" </dev/null >"$d/${SANDBOX_FILES.stdout}"`;
// util-linux `script` runs the command string on a new pseudo-terminal (stdin, stdout and stderr, as a
// Kubernetes tty merges them) and copies its output to the log; `-e` returns the command's exit code.
const RUN_TTY = `SHELL="$1" "$2" -qec "$3" /dev/null </dev/null >"$d/${SANDBOX_FILES.stdout}"`;
const END = `echo $? >"$d/${SANDBOX_FILES.exited}"`;
// A root held for a process that never comes back (its workflow deleted, never resumed) is let go after a day.
const HOLD_SECONDS = 24 * 60 * 60;
const HOLD = `exec "$sleep" ${HOLD_SECONDS} </dev/null >/dev/null 2>&1 ${STATUS_FD}>&- ${ARGS_FD}<&-`;

/** How one container's supervisor is started. */
export interface SupervisorOptions {
  /** The container's directory, where the supervisor's files go. */
  readonly dir: string;
  /** Keep the container's root readable after it exits, until the supervisor is killed. */
  readonly hold: boolean;
  /** Run the command on a pseudo-terminal. */
  readonly tty: boolean;
}

/**
 * The command line of a container's supervisor (to start with bubblewrap's options on its stdin, in a session
 * of its own): `unshare` (for overlays: a user and mount namespace of its own, where the overlay is mounted)
 * running `sh`, which runs bubblewrap reading its options from fd 4. Killing the supervisor's process group
 * kills the sandbox (`--die-with-parent`).
 */
export function supervisorArgv(
  root: PreparedRoot,
  argv: readonly string[],
  tools: HostTools,
  options: SupervisorOptions,
): string[] {
  const mounts = root.kind === 'overlay' ? [tools.mount, root.lower, root.upper, root.work, root.merged] : [];
  // With a tty the command goes through `script`, which takes one command string.
  const command = options.tty
    ? [
        tools.sh,
        tools.script,
        `${shellWord(tools.stty)} -onlcr 2>/dev/null; exec ${[tools.bwrap, '--args', String(ARGS_FD), '--', ...argv].map(shellWord).join(' ')}`,
      ]
    : argv;
  const script = [
    ...HEAD,
    ...(root.kind === 'overlay' ? MOUNT : []),
    options.tty ? RUN_TTY : RUN,
    END,
    ...(options.hold ? [HOLD] : []),
  ].join('\n');
  const shell = [tools.sh, '-c', script, 'slipway-sandbox', options.dir, tools.bwrap, tools.sleep];
  return root.kind === 'overlay'
    ? [tools.unshare, '--user', '--map-root-user', '--mount', ...shell, ...mounts, ...command]
    : [...shell, ...command];
}
