// `step(state, event)`: apply one event, then let every controller react until nothing changes, and return the
// actions for the outside world. No I/O, no clock: the event carries the time.
import { Ctx } from './context';
import type { EngineAction, EngineEvent } from './contract';
import { resume, shutdown, suspendWorkflow, timerFired, wakeLockWaiters } from './control';
import { failDagFast, linkDagChild, onDagNotification } from './dag';
import { relaunch } from './execute';
import type { BlockedStart, EngineState, ExecRequest, Notification } from './model';
import { addChild, isExecutable, isFulfilled } from './nodes';
import { pumpBlocked } from './parallelism';
import { podExited, podStarted } from './pod';
import { processRetry, resumeAttempt } from './retry';
import { failStepsFast, linkStepChild, onStepsNotification } from './steps';
import { onWorkflowNotification, runWorkflowHooks, startWorkflow } from './workflow';

/** The state after an event and what the outside world must do. */
export interface StepResult {
  readonly state: EngineState;
  readonly actions: EngineAction[];
}

function dispatch(ctx: Ctx, note: Notification): void {
  const run = ctx.state.run;
  // Nothing reacts once the workflow is complete (pods killed at completion report here).
  if (run.stage === 'done') return;
  if (run.suspended) {
    run.deferred.push(note);
    return;
  }
  if (note.parent === '') {
    onWorkflowNotification(ctx, note);
    return;
  }
  const parent = ctx.state.exec[note.parent];
  if (parent === undefined) return;
  if (parent.steps !== undefined) onStepsNotification(ctx, note.parent, note);
  else if (parent.dag !== undefined) onDagNotification(ctx, note.parent, note);
  else if (parent.retry !== undefined && note.done) processRetry(ctx, note.parent, note.error);
}

// Whether the controller that asked for a held-back start still wants it.
function stillWanted(ctx: Ctx, req: ExecRequest): boolean {
  if (req.parent === '') return ctx.state.run.stage !== 'done';
  const parent = ctx.state.exec[req.parent];
  if (parent?.steps !== undefined) return !parent.steps.finished;
  if (parent?.dag !== undefined) return !parent.dag.finished;
  const node = ctx.maybeNode(req.parent);
  return node !== undefined && !isFulfilled(node);
}

function startHeldBack(ctx: Ctx, item: BlockedStart): void {
  if (item.kind === 'attempt') {
    resumeAttempt(ctx, item.retry);
    return;
  }
  const req = item.request;
  if (!stillWanted(ctx, req)) return;
  relaunch(ctx, req);
  const id = ctx.id(req.nodeName);
  if (ctx.maybeNode(id) === undefined) return;
  const role = req.role;
  if (role.k === 'hook' || role.k === 'exit') addChild(ctx, role.of, id);
  else if (role.k === 'wf-hook') addChild(ctx, ctx.wf, id);
  else if (role.k === 'step') linkStepChild(ctx, req.parent, id);
  else if (role.k === 'task' || role.k === 'item') linkDagChild(ctx, req.parent, id);
}

/** Let every controller react until nothing changes. */
function settle(ctx: Ctx): void {
  for (;;) {
    let note = ctx.next();
    while (note !== undefined) {
      dispatch(ctx, note);
      note = ctx.next();
    }
    if (ctx.woken.length > 0) {
      wakeLockWaiters(ctx);
      continue;
    }
    if (ctx.failFast.length > 0) {
      for (const id of ctx.failFast.splice(0)) {
        failStepsFast(ctx, id);
        failDagFast(ctx, id);
      }
      continue;
    }
    if (ctx.capacityFreed && !ctx.state.run.suspended) {
      ctx.capacityFreed = false;
      pumpBlocked(ctx, (item) => startHeldBack(ctx, item));
      continue;
    }
    if (ctx.state.run.stage === 'running' && !ctx.state.run.suspended && ctx.state.spec.hooks !== undefined) {
      runWorkflowHooks(ctx);
      if (ctx.hasPending() || ctx.woken.length > 0) continue;
    }
    break;
  }
  const counters = ctx.state.counters;
  ctx.state.status.progress = `${counters.progressDone}/${counters.progressTotal}`;
  // Argo sums a non-pod node's progress over its children; the root's sum is the workflow's.
  const root = ctx.maybeNode(ctx.wf);
  if (root !== undefined && !isExecutable(root.type)) root.progress = ctx.state.status.progress;
}

function apply(ctx: Ctx, event: EngineEvent): void {
  switch (event.type) {
    case 'start':
      startWorkflow(ctx);
      break;
    case 'pod-started':
      podStarted(ctx, event.nodeId, event.podIP);
      break;
    case 'pod-exited':
      podExited(ctx, event.exit);
      break;
    case 'timer':
      timerFired(ctx, event.id);
      break;
    case 'resume':
      resume(ctx, event.nodeName, event.parameters);
      break;
    case 'suspend':
      suspendWorkflow(ctx);
      break;
    case 'stop':
      shutdown(ctx, 'Stop');
      break;
    case 'terminate':
      shutdown(ctx, 'Terminate');
      break;
  }
  settle(ctx);
}

/**
 * Apply one event to `state`, updating it in place (O(what the event changes)); returns that same state and the
 * actions to carry out. The caller gives up `state`: keep a JSON copy if the previous state is still needed.
 */
export function stepInPlace(state: EngineState, event: EngineEvent): StepResult {
  const ctx = new Ctx(state, event.at);
  apply(ctx, event);
  return { state, actions: ctx.actions };
}

/** Apply one event without touching `state` (a copy is updated): pure, but it costs a copy of the state. */
export function step(state: EngineState, event: EngineEvent): StepResult {
  return stepInPlace(structuredClone(state), event);
}
