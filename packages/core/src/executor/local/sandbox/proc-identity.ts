import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** A host process as it was when it started: its pid and its start time, which together survive no pid reuse. */
export interface ProcessIdentity {
  readonly pid: number;
  /** Field 22 of `/proc/PID/stat`: clock ticks after boot when the process started. */
  readonly startTime: string;
}

interface StatFields {
  readonly pid: number;
  readonly state: string;
  readonly startTime: string;
}

/** Reads a `/proc/PID/stat` line; the command name in parentheses may itself hold spaces and parentheses. */
export function parseStat(line: string): StatFields | undefined {
  const close = line.lastIndexOf(')');
  const pid = Number.parseInt(line, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  // Fields from the third (state) on; the start time is the 22nd field.
  const fields = line
    .slice(close + 2)
    .trim()
    .split(' ');
  const state = fields[0];
  const startTime = fields[22 - 3];
  return state === undefined || startTime === undefined ? undefined : { pid, state, startTime };
}

/** Whether the process is still the one identified (not exited, not a zombie, its pid not reused). */
export async function isAlive(identity: ProcessIdentity): Promise<boolean> {
  const line = await readFile(`/proc/${identity.pid}/stat`, 'utf8').catch(() => undefined);
  const stat = line === undefined ? undefined : parseStat(line);
  return (
    stat !== undefined && stat.startTime === identity.startTime && stat.state !== 'Z' && stat.state !== 'X'
  );
}

function recorded(line: string | undefined): ProcessIdentity | undefined {
  // Only a whole line: the file may be read while it is being written.
  const stat = line?.endsWith('\n') ? parseStat(line) : undefined;
  return stat === undefined ? undefined : { pid: stat.pid, startTime: stat.startTime };
}

/** The identity recorded in a file holding a copy of the process's own `/proc/self/stat`. */
export async function readIdentity(path: string): Promise<ProcessIdentity | undefined> {
  return recorded(await readFile(path, 'utf8').catch(() => undefined));
}

/** `readIdentity`, for the one short line of a file that exists by the time it is asked for. */
export function readIdentitySync(path: string): ProcessIdentity | undefined {
  try {
    return recorded(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** This boot's id (so that a pid and start time from before a reboot are never taken for a live process). */
export async function bootId(): Promise<string> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim();
}

/** Kills a process group by its leader, if the leader is still the process identified. */
export async function killGroup(identity: ProcessIdentity): Promise<void> {
  if (!(await isAlive(identity))) return;
  try {
    process.kill(-identity.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Resolves once the identified process has exited (polling: it is not this process's child). */
export async function exited(identity: ProcessIdentity, intervalMs = 20): Promise<void> {
  while (await isAlive(identity)) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
