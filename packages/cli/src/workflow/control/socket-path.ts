import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Unix socket paths are limited to 108 bytes (sun_path) on Linux.
const MAX_SOCKET_PATH = 107;

/** Where the process that runs a workflow listens for control requests. */
export function controlSocketPath(home: string, workflow: string): string {
  const digest = createHash('sha256').update(workflow).digest('hex').slice(0, 24);
  const inHome = join(home, 'ctl', `${digest}.sock`);
  if (Buffer.byteLength(inHome) <= MAX_SOCKET_PATH) return inHome;
  const both = createHash('sha256').update(`${home}\0${workflow}`).digest('hex').slice(0, 24);
  return join(tmpdir(), `slipway-ctl-${both}.sock`);
}

/**
 * The name of the abstract Unix socket that the owner of a workflow holds as its lock. The kernel frees the name
 * when the process dies, so unlike the socket file it is never stale, and binding it is atomic: two processes
 * taking over the same orphan cannot both win.
 */
export function ownershipLockName(home: string, workflow: string): string {
  const digest = createHash('sha256')
    .update(`${resolve(home)}\0${workflow}`)
    .digest('hex')
    .slice(0, 40);
  return `\0slipway-owner-${digest}`;
}
