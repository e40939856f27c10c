// Events from outside the tree: stop and terminate (Argo's shutdown strategies), suspend and resume of the
// workflow or of suspend nodes, and the deadlines that fire as timers.
import type { Ctx } from './context';
import { continueAfterLock } from './execute';
import { cancelTimer, finish } from './lifecycle';
import type { Notification } from './model';
import { isFulfilled } from './nodes';
import { killPod } from './pod';
import { backoffElapsed, processRetry } from './retry';
import { resumeSuspends, suspendExpired } from './suspend';
import { launchEntry, markWorkflow } from './workflow';

function inExitHandler(ctx: Ctx, id: string): boolean {
  const exec = ctx.state.exec[id];
  return (
    exec?.onExit === true ||
    exec?.pod?.onExit === true ||
    exec?.suspend?.onExit === true ||
    exec?.waitingLock?.request.onExit === true
  );
}

/** Waiting nodes that no pod or timer will finish: lock waiters. */
function lockWaiters(ctx: Ctx): string[] {
  const ids = new Set<string>();
  for (const lock of Object.values(ctx.state.locks)) for (const id of lock.waiting) ids.add(id);
  return [...ids];
}

/** `stop` (exit handlers still run) or `terminate` (they do not); a stop can be escalated to terminate. */
export function shutdown(ctx: Ctx, strategy: 'Stop' | 'Terminate'): void {
  const run = ctx.state.run;
  if (run.stage === 'done' || run.shutdown === strategy || run.shutdown === 'Terminate') return;
  run.shutdown = strategy;
  if (run.stage === 'created') {
    run.stage = 'running';
    markWorkflow(ctx, 'Failed', `Stopped with strategy '${strategy}'`);
    return;
  }
  const spare = (id: string): boolean => strategy === 'Stop' && inExitHandler(ctx, id);
  for (const id of Object.keys(ctx.state.counters.livePods)) {
    if (!spare(id))
      killPod(
        ctx,
        id,
        `workflow shutdown with strategy:  ${strategy}`,
        strategy === 'Stop' ? 'workflow stopped' : 'workflow terminated',
      );
  }
  const stopped = `Stopped with strategy '${strategy}'`;
  for (const id of Object.keys(ctx.state.counters.liveSuspends))
    if (!spare(id)) finish(ctx, id, 'Failed', stopped);
  for (const id of lockWaiters(ctx)) {
    const node = ctx.maybeNode(id);
    if (node !== undefined && !isFulfilled(node) && !spare(id)) finish(ctx, id, 'Failed', stopped);
  }
  for (const [timer, entry] of Object.entries(ctx.state.timers)) {
    if (entry.kind !== 'backoff') continue;
    cancelTimer(ctx.state, timer);
    const retry = ctx.state.exec[entry.node]?.retry;
    if (retry !== undefined) delete retry.timer;
    processRetry(ctx, entry.node);
  }
  resumeWorkflow(ctx);
}

/** The workflow's activeDeadlineSeconds passed. */
function workflowDeadline(ctx: Ctx): void {
  const run = ctx.state.run;
  if (run.stage === 'done') return;
  run.deadlinePassed = true;
  const message = 'Step exceeded its deadline';
  for (const id of Object.keys(ctx.state.counters.livePods)) {
    if (!inExitHandler(ctx, id)) killPod(ctx, id, message, 'workflow deadline exceeded');
  }
  for (const id of Object.keys(ctx.state.counters.liveSuspends)) {
    if (!inExitHandler(ctx, id)) finish(ctx, id, 'Failed', message);
  }
  for (const id of lockWaiters(ctx)) {
    const node = ctx.maybeNode(id);
    if (node !== undefined && !isFulfilled(node) && !inExitHandler(ctx, id))
      finish(ctx, id, 'Failed', message);
  }
  for (const [timer, entry] of Object.entries(ctx.state.timers)) {
    if (entry.kind !== 'backoff') continue;
    cancelTimer(ctx.state, timer);
    const retry = ctx.state.exec[entry.node]?.retry;
    if (retry !== undefined) delete retry.timer;
    processRetry(ctx, entry.node);
  }
}

/** A timer fired (ignored when it was cancelled or replaced). */
export function timerFired(ctx: Ctx, id: string): void {
  const timer = ctx.state.timers[id];
  if (timer === undefined) return;
  delete ctx.state.timers[id];
  switch (timer.kind) {
    case 'workflow':
      workflowDeadline(ctx);
      return;
    case 'suspend':
      suspendExpired(ctx, timer.node);
      return;
    case 'backoff':
      backoffElapsed(ctx, timer.node);
      return;
    case 'deadline': {
      const exec = ctx.state.exec[timer.node]?.pod;
      if (exec !== undefined) {
        killPod(
          ctx,
          timer.node,
          'Pod was active on the node longer than the specified deadline',
          'deadline exceeded',
        );
      }
      return;
    }
  }
}

/** Suspend the whole workflow: nothing new starts until it is resumed. */
export function suspendWorkflow(ctx: Ctx): void {
  if (ctx.state.run.stage !== 'done') ctx.state.run.suspended = true;
}

function resumeWorkflow(ctx: Ctx): void {
  const run = ctx.state.run;
  if (!run.suspended) return;
  run.suspended = false;
  const deferred: Notification[] = run.deferred;
  run.deferred = [];
  for (const note of deferred) ctx.notify(note);
  for (const id of lockWaiters(ctx)) ctx.woken.push(id);
  // Pods may have finished while suspended: held-back starts get their chance now.
  ctx.capacityFreed = true;
  launchEntry(ctx);
}

/** Resume the workflow and its suspend nodes, or only the suspend node named `nodeName`. */
export function resume(
  ctx: Ctx,
  nodeName: string | undefined,
  values: Readonly<Record<string, string>> | undefined,
): void {
  if (ctx.state.run.stage === 'done') return;
  const suspends = Object.keys(ctx.state.counters.liveSuspends);
  if (nodeName !== undefined) {
    const named = suspends.filter((id) => {
      const node = ctx.node(id);
      return node.name === nodeName || node.displayName === nodeName || node.id === nodeName;
    });
    resumeSuspends(ctx, named, values);
    return;
  }
  resumeSuspends(ctx, suspends, values);
  resumeWorkflow(ctx);
}

/** Continue nodes that got the locks they waited for. */
export function wakeLockWaiters(ctx: Ctx): void {
  while (ctx.woken.length > 0) {
    const id = ctx.woken.shift() as string;
    if (!ctx.state.run.suspended) continueAfterLock(ctx, id);
  }
}
