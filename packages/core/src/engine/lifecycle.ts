// What happens when a node finishes (locks released, timers dropped, its controller told) and how timers are set.

import type { Ctx } from './context';
import type { NodePhase } from './contract';
import { releaseLocks } from './locks';
import type { EngineState } from './model';
import { isFulfilled, setPhase } from './nodes';

/** Tell the node's controller that it finished (or, with `done: false`, that its phase changed). */
export function report(ctx: Ctx, id: string, done: boolean, error?: string): void {
  const exec = ctx.state.exec[id];
  if (exec === undefined) return;
  ctx.notify(
    error === undefined
      ? { parent: exec.parent, child: id, done }
      : { parent: exec.parent, child: id, done, error },
  );
}

/** Everything that follows a node becoming fulfilled. */
export function fulfilled(ctx: Ctx, id: string, error?: string): void {
  const exec = ctx.state.exec[id];
  if (exec?.locks !== undefined) {
    releaseLocks(ctx, id, exec.locks);
    delete exec.locks;
  }
  if (exec?.suspend?.timer !== undefined) cancelTimer(ctx.state, exec.suspend.timer);
  if (exec?.retry?.timer !== undefined) cancelTimer(ctx.state, exec.retry.timer);
  if (exec?.pod?.deadline !== undefined) cancelTimer(ctx.state, `deadline:${id}:${exec.pod.deadline}`);
  delete ctx.state.counters.livePods[id];
  delete ctx.state.counters.liveSuspends[id];
  report(ctx, id, true, error);
}

/** Set a node's final phase and tell its controller (unless it was already fulfilled: then nothing happens). */
export function finish(ctx: Ctx, id: string, phase: NodePhase, message?: string, error?: string): void {
  const node = ctx.node(id);
  if (isFulfilled(node) && node.daemoned !== true) return;
  setPhase(ctx, id, phase, message);
  if (node.daemoned === true && phase !== 'Running') delete node.daemoned;
  fulfilled(ctx, id, error);
}

/** Change a node's phase without finishing it, telling a controller that watches it for hooks. */
export function progress(ctx: Ctx, id: string, phase: NodePhase, message?: string): void {
  const node = ctx.node(id);
  if (node.phase === phase && message === undefined) return;
  setPhase(ctx, id, phase, message);
  if (ctx.state.exec[id]?.watched === true) report(ctx, id, false);
}

/** Start a timer; returns its id (unique, so a cancelled timer firing late is recognised and ignored). */
export function startTimer(
  ctx: Ctx,
  kind: 'suspend' | 'backoff' | 'deadline' | 'workflow',
  node: string,
  at: number,
): string {
  const id = `${kind}:${node}:${at}`;
  ctx.state.timers[id] = { at, node, kind };
  ctx.emit({ type: 'start-timer', id, at });
  return id;
}

/** Forget a timer (its event, if it still fires, is ignored). */
export function cancelTimer(state: EngineState, id: string): void {
  delete state.timers[id];
}
