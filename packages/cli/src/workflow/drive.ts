import { WorkflowStateError, type WorkflowStatusJson } from '@slipway/core';
import type { WorkflowIo } from './io';
import type { Session } from './session';
import { WatchPrinter } from './watch-printer';

/**
 * Runs this process's workflows to the end (the one named, and any orphans it took over), showing the named one's
 * live tree when watching; resolves with its final status.
 */
export async function drive(
  session: Session,
  name: string,
  io: WorkflowIo,
  options: { readonly watch: boolean },
): Promise<WorkflowStatusJson> {
  const printer = options.watch ? new WatchPrinter(name, io.stdout) : undefined;
  const stop = session.runner.observe({
    onUpdate: (updated, status) => {
      if (updated === name) printer?.update(status);
    },
  });
  try {
    await session.runner.idle();
  } finally {
    stop();
  }
  const record = await session.store.getWorkflow(name);
  if (record === undefined)
    throw new WorkflowStateError(name, `workflow \`${name}\` was deleted while it ran`);
  const status = record.status as WorkflowStatusJson;
  printer?.finish(status);
  return status;
}
