import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
