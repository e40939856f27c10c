// Argo's executeTemplate for a node that does not exist yet: resolve the template, bind arguments, honour
// parallelism and locks, wrap in a Retry node, then start the node of the template's type.
import type { Template } from '../spec/model';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import { GlobalVariables } from './globals';
import { podNameOf } from './ids';
import { fulfilled } from './lifecycle';
import { type Acquisition, lockSpecs, releaseLocks, tryAcquire } from './locks';
import type { ExecRequest, NodeStatus, NodeType } from './model';
import { initNode, isFulfilled, setPhase, setWaiting } from './nodes';
import { capacityFor, holdBack } from './parallelism';
import { processArgs } from './process-args';
import { startRetry } from './retry';
import { startRun } from './run-template';
import {
  isPodType,
  nodeTypeOf,
  resolveHolder,
  templateDisplayName,
  templateType,
  withTemplateDefaults,
} from './templates';

/** What came of trying to start a node. */
export interface LaunchResult {
  /** The node created (it reports to its controller when it finishes). */
  readonly node?: string;
  /** Argo's returned error: the node was created as Error and the caller must react (it will not report). */
  readonly error?: string;
  /** Held back by parallelism; it will be started later and report then. */
  readonly blocked?: boolean;
}

/** The global variables at this moment (exit-handler values once the entry template finished). */
export function globalsOf(ctx: Ctx): GlobalVariables {
  return new GlobalVariables(ctx.state, ctx.now, ctx.state.run.exitGlobals);
}

/** The template name Argo records for a node and uses in its pod name. */
export function templateNameOf(req: Pick<ExecRequest, 'holder'>): string {
  return req.holder.templateRef?.template ?? req.holder.template ?? '';
}

/** Create the node as Error (type Skipped when it did not exist), as initializeNodeOrMarkError. */
export function errorNode(ctx: Ctx, req: ExecRequest, message: string): string {
  const id = ctx.id(req.nodeName);
  if (ctx.maybeNode(id) !== undefined) {
    setPhase(ctx, id, 'Error', message);
    return id;
  }
  initNode(ctx, {
    name: req.nodeName,
    type: 'Skipped',
    phase: 'Error',
    boundaryId: req.boundaryId,
    parent: req.parent,
    role: req.role,
    holder: req.holder,
    scope: req.scope,
    hooked: req.hooked,
    message,
  });
  return id;
}

/** Options of the node a template creates. */
export function nodeBase(req: ExecRequest, type: NodeType, phase: NodeStatus['phase'], template: Template) {
  const hasInputs =
    (template.inputs?.parameters?.length ?? 0) > 0 || (template.inputs?.artifacts?.length ?? 0) > 0;
  return {
    name: req.nodeName,
    type,
    phase,
    boundaryId: req.boundaryId,
    parent: req.parent,
    role: req.role,
    holder: req.holder,
    scope: req.scope,
    hooked: req.hooked,
    retried: req.retried,
    ...(hasInputs ? { inputs: template.inputs as NonNullable<NodeStatus['inputs']> } : {}),
    ...(templateDisplayName(template) === undefined ? {} : { displayName: templateDisplayName(template) }),
  };
}

/** Start the node for a request: created, held back by parallelism, or failed with a returned error. */
export function launch(ctx: Ctx, request: ExecRequest): LaunchResult {
  const found = resolveHolder(ctx.state, request.scope, request.holder);
  if ('error' in found) return { node: errorNode(ctx, request, found.error), error: found.error };
  const req: ExecRequest = { ...request, bodyScope: found.scope };
  const template = withTemplateDefaults(found.template, ctx.state.spec.templateDefaults);
  const type = templateType(template);
  const retry = template.retryStrategy ?? ctx.state.spec.retryStrategy;
  const locals: Record<string, string> = { ...req.locals, 'node.name': req.nodeName };
  if (isPodType(type) && retry === undefined) {
    locals['pod.name'] = podNameOf(ctx.wf, req.nodeName, templateNameOf(req));
  }
  let processed: Template;
  try {
    processed = processArgs(template, req.args, globalsOf(ctx), locals, ctx, ctx.state.configMaps);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    return { node: errorNode(ctx, req, error.message), error: error.message };
  }
  const verdict = capacityFor(ctx, req.boundaryId, true);
  if (verdict === 'failfast' && (ctx.state.counters.activeChildren[req.boundaryId] ?? 0) === 0) {
    ctx.failFast.push(req.boundaryId);
    return { blocked: true };
  }
  if (verdict !== 'ok') {
    holdBack(ctx, { kind: 'exec', request: req }, verdict === 'global' ? '' : req.boundaryId);
    return { blocked: true };
  }
  const id = ctx.id(req.nodeName);
  if (processed.synchronization !== undefined) {
    const specs = lockSpecs(ctx, processed.synchronization);
    const acquired: Acquisition = tryAcquire(ctx, id, specs);
    if (!acquired.acquired) {
      const nodeType: NodeType = processed.retryStrategy !== undefined ? 'Retry' : nodeTypeOf(type);
      initNode(ctx, { ...nodeBase(req, nodeType, 'Pending', processed), message: acquired.message });
      setWaiting(ctx, id, acquired.lock);
      const exec = ctx.exec(id);
      exec.waitingLock = { request: req, template: processed };
      exec.locks = specs.map((s) => s.name);
      return { node: id };
    }
    const names = specs.map((s) => s.name);
    const result = proceed(ctx, req, processed);
    const node = ctx.maybeNode(id);
    // A node that finished (or failed) while being created gives its locks back at once.
    if (node === undefined || isFulfilled(node)) releaseLocks(ctx, id, names);
    else ctx.exec(id).locks = names;
    return result;
  }
  return proceed(ctx, req, processed);
}

/** After parallelism and locks: wrap in a Retry node when there is a retryStrategy, else start the template. */
function proceed(ctx: Ctx, req: ExecRequest, processed: Template): LaunchResult {
  const retry = processed.retryStrategy ?? ctx.state.spec.retryStrategy;
  if (retry !== undefined) return startRetry(ctx, req, processed, retry);
  return startRun(ctx, req, processed, undefined);
}

/** A node waiting for a lock got it: continue where `launch` stopped. */
export function continueAfterLock(ctx: Ctx, id: string): void {
  const exec = ctx.state.exec[id];
  const node = ctx.maybeNode(id);
  if (exec?.waitingLock === undefined || node === undefined || node.finishedAt !== null) return;
  const { request, template } = exec.waitingLock;
  const specs = lockSpecs(ctx, template.synchronization ?? {});
  if (!tryAcquire(ctx, id, specs).acquired) return;
  delete exec.waitingLock;
  setWaiting(ctx, id, undefined, '');
  const result = proceed(ctx, request, template);
  if (result.error !== undefined) {
    fulfilled(ctx, id, result.error);
  }
}

/** Start a request taken from the parallelism queue; errors are reported to its controller. */
export function relaunch(ctx: Ctx, req: ExecRequest): void {
  const result = launch(ctx, req);
  if (result.error !== undefined && result.node !== undefined) fulfilled(ctx, result.node, result.error);
}
