import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowIo } from './io';

/** The state directory: `--home`, else `SLIPWAY_HOME`, else `~/.slipway`. */
export function homeOf(flags: { home?: string }, io: WorkflowIo): string {
  return flags.home ?? io.env.SLIPWAY_HOME ?? join(homedir(), '.slipway');
}
