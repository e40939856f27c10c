import type { WorkflowStatusJson } from '@slipway/core';
import { stringify as stringifyYaml } from 'yaml';
import type { WorkflowIo } from './io';
import { renderTree } from './tree-view';

/** What to print once a workflow has finished: its name, its status as JSON or YAML, its tree, or nothing more. */
export type OutcomeFormat = 'name' | 'json' | 'yaml' | 'wide' | 'none';

/** Prints a workflow's tree as `slipway get` shows it. */
export function printTree(name: string, status: WorkflowStatusJson, io: WorkflowIo): void {
  io.stdout.write(
    `${renderTree(name, status, { now: Date.now(), color: io.stdout.isTTY === true }).join('\n')}\n`,
  );
}

/** Prints a finished workflow in the format asked for, and sets the exit code from its phase. */
export function printOutcome(
  name: string,
  status: WorkflowStatusJson,
  output: OutcomeFormat,
  io: WorkflowIo,
): void {
  if (output === 'none') {
    // The live view already showed the tree.
  } else if (output === 'json') io.stdout.write(`${JSON.stringify({ name, status }, null, 2)}\n`);
  else if (output === 'yaml') io.stdout.write(stringifyYaml({ name, status }));
  else if (output === 'name') io.stdout.write(`${name}\n`);
  else printTree(name, status, io);
  io.setExitCode(status.phase === 'Succeeded' ? 0 : 1);
}
