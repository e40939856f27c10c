import { readFileSync } from 'node:fs';
import { sandboxFile } from './supervisor';

/** How a sandbox ended: the command's exit code, or why the sandbox never ran it. */
export type SandboxResult =
  | { readonly started: true; readonly exitCode: number }
  | { readonly started: false; readonly error: string };

// bubblewrap reports its own set-up failures (a bind it cannot make, a command it cannot exec) as a last
// stderr line with this prefix and exit code 1, after it has already announced the child pid.
const BWRAP_FAILURE = /(?:^|\n)bwrap: ([^\n]+)\n?$/;

/** Reads bubblewrap's JSON status lines (two short lines, read at once): the child's pid and its exit code. */
function readStatus(path: string): { childPid?: number; exitCode?: number } {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // No status: bubblewrap never started.
  }
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

/** The end of a sandbox's output, where bubblewrap's own errors are. */
export interface OutputTails {
  readonly stderr: string;
  /** With a tty, the terminal's output (bubblewrap's errors go there too). */
  readonly terminal: string;
}

/**
 * How a finished sandbox ended, from the status its supervisor left and its last error line (on stderr, or
 * with a tty on the terminal's output) when it failed to set the sandbox up. `killed`: Slipway killed it
 * (sidecars at the end, deadlines, stops).
 */
export async function sandboxResult(
  dir: string,
  tails: OutputTails,
  killed: boolean,
  supervised: boolean,
): Promise<SandboxResult> {
  if (!supervised)
    return { started: false, error: 'the sandbox could not be started (its supervisor did not run)' };
  const status = readStatus(sandboxFile(dir, 'status'));
  const { stderr, terminal } = tails;
  const tty = terminal !== '';
  const failure = BWRAP_FAILURE.exec(stderr) ?? (tty ? BWRAP_FAILURE.exec(terminal) : null);
  if (status.exitCode !== undefined && !(status.exitCode === 1 && failure)) {
    return { started: true, exitCode: status.exitCode };
  }
  // bubblewrap died before it could report an exit code.
  if (killed && status.childPid !== undefined) return { started: true, exitCode: 137 };
  if (status.childPid !== undefined && status.exitCode === undefined && !failure) {
    return { started: false, error: 'the sandbox was killed by something other than Slipway' };
  }
  // Otherwise bubblewrap, or the overlay mount before it, failed before running the command.
  const why =
    failure?.[1] ??
    (stderr.trim().split('\n').at(-1) ||
      terminal.trim().split('\n').at(-1) ||
      'bubblewrap reported no exit status');
  return { started: false, error: `the sandbox did not start: ${why}` };
}
