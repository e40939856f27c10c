// The workflow itself (the end of Argo's operate): start the entrypoint, run workflow-level hooks, then the
// exit handler with `workflow.status` / `workflow.failures`, and set the workflow's final phase and message.

import { quoteGo } from '../expr/expr-lang/go-format';
import { claimTemplateError } from './claims';
import { rfc3339 } from './clock';
import type { Ctx } from './context';
import type { WorkflowPhase } from './contract';
import { launch } from './execute';
import { buildGlobals, GlobalVariables, goJsonOrdered } from './globals';
import { exitHookOf } from './hooks';
import { podNameOf } from './ids';
import { startTimer } from './lifecycle';
import type { ExecRequest, NodeStatus, Notification } from './model';
import { addChild, failedOrError, isFulfilled, setPhase } from './nodes';
import { killPod } from './pod';
import { evaluateWith } from './substitute';

/** The template scope of the workflow's own templates. */
export function localScope(ctx: Ctx): string {
  return `local/${ctx.wf}`;
}

function entryPhaseAsWorkflow(phase: NodeStatus['phase']): WorkflowPhase {
  switch (phase) {
    case 'Pending':
      return 'Pending';
    case 'Running':
      return 'Running';
    case 'Failed':
      return 'Failed';
    case 'Error':
      return 'Error';
    default:
      return 'Succeeded';
  }
}

/** Argo's workflow.failures: a Go-quoted JSON list of the Failed and Error nodes ("null" when there are none). */
function failures(ctx: Ctx): string {
  const list = ctx.state.counters.failed
    .map((id) => ctx.maybeNode(id))
    .filter((node): node is NodeStatus => node !== undefined && failedOrError(node.phase))
    .map((node) => {
      const template = node.templateRef?.template ?? node.templateName ?? '';
      return {
        displayName: node.displayName,
        message: node.message ?? '',
        templateName: template,
        phase: node.phase,
        podName: podNameOf(ctx.wf, node.name, template),
        finishedAt: node.finishedAt,
      };
    });
  return quoteGo(list.length === 0 ? 'null' : goJsonOrdered(list));
}

/** Set the workflow's phase (Argo's markWorkflowPhase). */
export function markWorkflow(ctx: Ctx, phase: WorkflowPhase, message: string): void {
  const status = ctx.state.status;
  status.phase = phase;
  if (status.startedAt === null && phase !== 'Pending') status.startedAt = rfc3339(ctx.now);
  if (message === '') delete status.message;
  else status.message = message;
  if (phase === 'Error') {
    const entry = ctx.maybeNode(ctx.wf);
    if (entry?.phase === 'Running') setPhase(ctx, entry.id, 'Error', 'Workflow operation error');
  }
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Error') {
    status.finishedAt = rfc3339(ctx.now);
    ctx.state.run.stage = 'done';
    for (const id of Object.keys(ctx.state.counters.livePods)) {
      killPod(ctx, id, 'workflow completed while the pod was running', 'workflow completed');
    }
    for (const id of Object.keys(ctx.state.timers)) delete ctx.state.timers[id];
  }
}

/** Start the workflow: check its arguments, set its deadline, run the entrypoint (unless it starts suspended). */
export function startWorkflow(ctx: Ctx): void {
  const state = ctx.state;
  if (state.run.stage !== 'created') return;
  state.run.stage = 'running';
  const spec = state.spec;
  if (state.meta.creationTimestamp === '') {
    state.meta.creationTimestamp = rfc3339(ctx.now);
    state.globals = buildGlobals(state.meta, spec);
  }
  if (spec.entrypoint === undefined || spec.entrypoint === '') {
    markWorkflow(ctx, 'Failed', 'invalid spec: spec.entrypoint is required');
    return;
  }
  for (const param of spec.arguments?.parameters ?? []) {
    const value = param.value ?? param.default;
    if (value === undefined && param.valueFrom === undefined) {
      markWorkflow(
        ctx,
        'Failed',
        `failed to set global parameters: either value or valueFrom must be specified in order to set global parameter ${param.name}`,
      );
      return;
    }
    if (
      param.enum !== undefined &&
      param.enum.length > 0 &&
      value !== undefined &&
      !param.enum.includes(value)
    ) {
      markWorkflow(
        ctx,
        'Failed',
        `invalid spec: spec.arguments.${param.name}.value should be present in spec.arguments.${param.name}.enum list`,
      );
      return;
    }
  }
  const claimError = claimTemplateError(state.meta.name, spec.volumeClaimTemplates ?? []);
  if (claimError !== undefined) {
    markWorkflow(ctx, 'Error', `pvc create error: ${claimError}`);
    return;
  }
  markWorkflow(ctx, 'Running', '');
  if (spec.activeDeadlineSeconds !== undefined) {
    const started = Math.floor(ctx.now / 1000) * 1000;
    state.run.deadline = started + spec.activeDeadlineSeconds * 1000;
    startTimer(ctx, 'workflow', ctx.wf, state.run.deadline);
  }
  if (spec.suspend === true) {
    state.run.suspended = true;
    return;
  }
  launchEntry(ctx);
}

/** Run the entrypoint (again after a suspended start is resumed). */
export function launchEntry(ctx: Ctx): void {
  if (ctx.maybeNode(ctx.wf) !== undefined || ctx.state.run.stage !== 'running') return;
  const spec = ctx.state.spec;
  const req: ExecRequest = {
    nodeName: ctx.wf,
    parent: '',
    role: { k: 'entry' },
    boundaryId: '',
    holder: { template: spec.entrypoint },
    scope: localScope(ctx),
    args: spec.arguments ?? {},
    onExit: false,
  };
  const result = launch(ctx, req);
  if (result.error !== undefined) {
    entryErrored(ctx, result.error);
    return;
  }
  runWorkflowHooks(ctx);
}

function entryErrored(ctx: Ctx, message: string): void {
  markWorkflow(ctx, 'Error', `error in entry template execution: ${message}`);
}

function exitGlobalsNow(ctx: Ctx): { status: string; failures: string } {
  const entry = ctx.maybeNode(ctx.wf);
  return { status: entryPhaseAsWorkflow(entry?.phase ?? 'Pending'), failures: failures(ctx) };
}

/**
 * Start workflow-level hooks whose expression now holds (Argo evaluates them on every reconciliation, with
 * `workflow.status` following the entry node). Returns whether every started hook has finished.
 */
export function runWorkflowHooks(ctx: Ctx): boolean {
  const hooks = ctx.state.spec.hooks ?? {};
  const names = Object.keys(hooks)
    .filter((name) => name !== 'exit')
    .sort();
  let done = true;
  const stage = ctx.state.run.stage;
  if (stage !== 'running' && stage !== 'hooks') return true;
  const entry = ctx.maybeNode(ctx.wf);
  if (entry === undefined) return true;
  for (const name of names) {
    const hook = hooks[name];
    if (hook === undefined) continue;
    const nodeName = `${ctx.wf}.hooks.${name}`;
    const existing = ctx.state.run.hooksStarted[name];
    if (existing !== undefined) {
      const node = ctx.maybeNode(existing);
      if (node === undefined || !isFulfilled(node)) done = false;
      continue;
    }
    if (hook.expression === undefined || hook.expression === '') continue;
    let value: unknown;
    try {
      value = evaluateWith(
        hook.expression,
        new GlobalVariables(ctx.state, ctx.now, exitGlobalsNow(ctx)),
        ctx,
      );
    } catch {
      value = false;
    }
    if (value !== true) continue;
    const result = launch(ctx, {
      nodeName,
      parent: '',
      role: { k: 'wf-hook', hook: name },
      boundaryId: '',
      holder: { template: hook.template, templateRef: hook.templateRef },
      scope: localScope(ctx),
      args: hook.arguments ?? {},
      onExit: false,
      hooked: true,
    });
    ctx.state.run.hooksStarted[name] = ctx.id(nodeName);
    if (result.node !== undefined) addChild(ctx, ctx.wf, result.node);
    if (result.error === undefined) done = false;
  }
  return done;
}

/** A notification for the workflow itself: the entry node, a workflow hook or the exit handler. */
export function onWorkflowNotification(ctx: Ctx, note: Notification): void {
  const run = ctx.state.run;
  if (run.stage === 'done') return;
  const role = ctx.state.exec[note.child]?.role;
  if (role?.k === 'entry') {
    if (!note.done) return;
    if (note.error !== undefined) {
      entryErrored(ctx, note.error);
      return;
    }
    run.exitGlobals = exitGlobalsNow(ctx);
    run.stage = 'hooks';
  }
  if (role?.k === 'wf-exit') {
    if (note.done) finalize(ctx, note.error);
    return;
  }
  if (run.stage === 'hooks' && runWorkflowHooks(ctx)) startExitHandler(ctx);
}

function startExitHandler(ctx: Ctx): void {
  const run = ctx.state.run;
  run.stage = 'exit';
  run.exitGlobals = exitGlobalsNow(ctx);
  const hook = exitHookOf(ctx.state.spec, ctx.state.spec.arguments);
  if (hook === undefined || run.shutdown === 'Terminate') {
    finalize(ctx, undefined);
    return;
  }
  const result = launch(ctx, {
    nodeName: `${ctx.wf}.onExit`,
    parent: '',
    role: { k: 'wf-exit' },
    boundaryId: '',
    holder: { template: hook.template, templateRef: hook.templateRef },
    scope: localScope(ctx),
    args: hook.arguments ?? {},
    onExit: true,
    hooked: true,
  });
  if (result.error !== undefined) {
    markWorkflow(ctx, 'Error', `error in exit template execution: ${result.error}`);
  }
}

function finalize(ctx: Ctx, exitError: string | undefined): void {
  if (exitError !== undefined) {
    markWorkflow(ctx, 'Error', `error in exit template execution: ${exitError}`);
    return;
  }
  const entry = ctx.maybeNode(ctx.wf);
  const phase = entryPhaseAsWorkflow(entry?.phase ?? 'Error');
  const shutdown = ctx.state.run.shutdown;
  const message =
    entry !== undefined && failedOrError(entry.phase) && shutdown !== ''
      ? `Stopped with strategy '${shutdown}'`
      : (entry?.message ?? '');
  const exitNode = ctx.maybeNode(ctx.id(`${ctx.wf}.onExit`));
  if (phase === 'Succeeded') {
    if (exitNode !== undefined && failedOrError(exitNode.phase)) {
      markWorkflow(ctx, exitNode.phase === 'Failed' ? 'Failed' : 'Error', exitNode.message ?? '');
    } else markWorkflow(ctx, 'Succeeded', '');
  } else markWorkflow(ctx, phase === 'Error' ? 'Error' : 'Failed', message);
}
