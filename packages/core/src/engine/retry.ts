// retryStrategy: a Retry node whose attempts are its children `name(0)`, `name(1)`…, decided after each attempt
// exactly as Argo's processNodeRetries (backoff first, then policy, limit and expression).
import { formatTime } from '../expr/expr-lang/go-format';
import type { RetryStrategy, Template } from '../spec/model';
import { goSeconds, humanizeDuration, parseArgoDuration, parseRfc3339 } from './clock';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import { errorNode, globalsOf, type LaunchResult, nodeBase, templateNameOf } from './execute';
import { podNameOf } from './ids';
import { finish, report, startTimer } from './lifecycle';
import type { ExecRequest, NodeStatus } from './model';
import { addChild, failedOrError, initNode, isFulfilled, setPhase } from './nodes';
import { capacityFor, holdBack } from './parallelism';
import { substituteParams } from './process-args';
import { startRun } from './run-template';
import { evaluateWith } from './substitute';
import { isPodType, templateType } from './templates';
import { MapVariables } from './variables';

/** Create the Retry node and its first attempt. */
export function startRetry(
  ctx: Ctx,
  req: ExecRequest,
  template: Template,
  _strategy: RetryStrategy,
): LaunchResult {
  const id = ctx.id(req.nodeName);
  if (ctx.maybeNode(id) === undefined) initNode(ctx, nodeBase(req, 'Retry', 'Running', template));
  else setPhase(ctx, id, 'Running');
  const exec = ctx.exec(id);
  exec.retry = { request: req, template, attempts: [] };
  if (req.onExit) exec.onExit = true;
  startAttempt(ctx, id, undefined);
  return { node: id };
}

function duration(node: NodeStatus): number {
  if (node.startedAt === null || node.finishedAt === null) return 0;
  return parseRfc3339(node.finishedAt) - parseRfc3339(node.startedAt);
}

/** Start the next attempt of a Retry node. */
function startAttempt(ctx: Ctx, retryId: string, executionDeadline: number | undefined): void {
  const retryNode = ctx.node(retryId);
  const exec = ctx.exec(retryId);
  const retry = exec.retry;
  if (retry === undefined) return;
  const index = retry.attempts.length;
  const name = `${retryNode.name}(${index})`;
  const last = retry.attempts.length === 0 ? undefined : ctx.maybeNode(retry.attempts.at(-1) ?? '');
  const req: ExecRequest = {
    ...retry.request,
    nodeName: name,
    parent: retryId,
    role: { k: 'attempt', index },
    retried: true,
  };
  const locals: Record<string, string> = {
    retries: String(index),
    'lastRetry.exitCode': last?.outputs?.exitCode ?? '0',
    'lastRetry.duration': last === undefined ? '0' : goSeconds(duration(last)),
    'lastRetry.status': last?.phase ?? '',
    'lastRetry.message': last?.message ?? '',
    'node.name': name,
  };
  if (isPodType(templateType(retry.template))) {
    locals['pod.name'] = podNameOf(ctx.wf, name, templateNameOf(retry.request));
  }
  const childId = ctx.id(name);
  addChild(ctx, retryId, childId);
  retry.attempts.push(childId);
  let template: Template;
  try {
    template = substituteParams(retry.template, globalsOf(ctx), locals, ctx);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    errorNode(ctx, req, error.message);
    finish(ctx, childId, 'Error', error.message);
    return;
  }
  const result = startRun(ctx, req, template, executionDeadline);
  if (result.error !== undefined) finish(ctx, childId, 'Error', result.error);
}

function intOf(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new TemplateRunError(`strconv.Atoi: parsing ${JSON.stringify(String(value))}: invalid syntax`);
  return n;
}

// Argo's transient error patterns that make sense without Kubernetes.
const TRANSIENT =
  /connection reset by peer|connection refused|i\/o timeout|TLS handshake timeout|unexpected EOF|temporarily unavailable/u;

function finishRetry(
  ctx: Ctx,
  id: string,
  last: NodeStatus,
  phase: NodeStatus['phase'],
  message: string,
  error?: string,
): void {
  const node = ctx.node(id);
  if (last.outputs !== undefined) node.outputs = structuredClone(last.outputs);
  finish(ctx, id, phase, message, error);
}

/** An attempt finished (or a backoff timer fired): finish the Retry node, wait, or start another attempt. */
export function processRetry(ctx: Ctx, id: string, error?: string): void {
  const node = ctx.maybeNode(id);
  const retry = ctx.state.exec[id]?.retry;
  if (node === undefined || retry === undefined || isFulfilled(node) || retry.timer !== undefined) return;
  const last = ctx.maybeNode(retry.attempts.at(-1) ?? '');
  if (last === undefined) return;
  if (!isFulfilled(last)) return;
  if (last.daemoned === true && last.phase === 'Running') {
    node.daemoned = true;
    const boundary = node.boundaryID === undefined ? undefined : ctx.state.exec[node.boundaryID];
    if (boundary !== undefined) boundary.daemons = [...(boundary.daemons ?? []), id];
    report(ctx, id, true);
    return;
  }
  if (!failedOrError(last.phase)) {
    finishRetry(ctx, id, last, 'Succeeded', node.message ?? '');
    return;
  }
  const shutdown = ctx.state.run.shutdown;
  if (shutdown !== '') {
    finishRetry(ctx, id, last, last.phase, `Stopped with strategy '${shutdown}'`, error);
    return;
  }
  if (ctx.state.run.deadlinePassed && ctx.state.run.deadline !== undefined) {
    const deadline = formatTime(new Date(ctx.state.run.deadline));
    finishRetry(ctx, id, last, last.phase, `retry exceeded workflow deadline ${deadline}`, error);
    return;
  }
  const strategy = retry.template.retryStrategy ?? ctx.state.spec.retryStrategy ?? {};
  try {
    decide(ctx, id, last, strategy, retry.attempts.length, error);
  } catch (problem) {
    if (!(problem instanceof TemplateRunError)) throw problem;
    finishRetry(ctx, id, last, 'Error', problem.message, problem.message);
  }
}

function decide(
  ctx: Ctx,
  id: string,
  last: NodeStatus,
  strategy: RetryStrategy,
  attempts: number,
  error?: string,
): void {
  const retry = ctx.exec(id).retry;
  if (retry === undefined) return;
  const limit = intOf(strategy.limit);
  let executionDeadline: number | undefined;
  const backoff = strategy.backoff;
  if (backoff !== undefined) {
    let maxDeadline: number | undefined;
    if (backoff.maxDuration !== undefined && backoff.maxDuration !== '') {
      const max = parseArgoDuration(backoff.maxDuration);
      if (max === undefined)
        throw new TemplateRunError(`unable to parse ${backoff.maxDuration} as a duration`);
      const first = ctx.node(retry.attempts[0] ?? '');
      maxDeadline = parseRfc3339(first.startedAt ?? '') + max;
      if (ctx.now > maxDeadline) {
        finishRetry(ctx, id, last, last.phase, 'Max duration limit exceeded', error);
        return;
      }
    }
    if (backoff.duration === undefined || backoff.duration === '') {
      throw new TemplateRunError('no base duration specified for retryStrategy');
    }
    const base = parseArgoDuration(backoff.duration);
    if (base === undefined) throw new TemplateRunError(`unable to parse ${backoff.duration} as a duration`);
    let wait = base;
    const factor = intOf(backoff.factor);
    if (factor !== undefined && factor > 0) wait = base * Math.trunc(factor ** (attempts - 1));
    if (backoff.cap !== undefined && backoff.cap !== '') {
      const cap = parseArgoDuration(backoff.cap);
      if (cap === undefined) throw new TemplateRunError(`unable to parse ${backoff.cap} as a duration`);
      wait = Math.min(wait, cap);
    }
    const waitUntil = parseRfc3339(last.finishedAt ?? '') + wait;
    if (maxDeadline !== undefined && waitUntil > maxDeadline) {
      finishRetry(ctx, id, last, last.phase, 'Backoff would exceed max duration limit', error);
      return;
    }
    if (ctx.now < waitUntil && limit !== undefined && attempts <= limit) {
      setPhase(ctx, id, ctx.node(id).phase, `Backoff for ${humanizeDuration(wait)}`);
      retry.timer = startTimer(ctx, 'backoff', id, waitUntil);
      return;
    }
    executionDeadline = maxDeadline;
    setPhase(ctx, id, ctx.node(id).phase, '');
  }
  const policy = strategy.retryPolicy ?? (strategy.expression === undefined ? 'OnFailure' : 'Always');
  let onFailed: boolean;
  let onError: boolean;
  switch (policy) {
    case 'Always':
      onFailed = true;
      onError = true;
      break;
    case 'OnError':
      onFailed = false;
      onError = true;
      break;
    case 'OnTransientError':
      onFailed = onError = TRANSIENT.test(last.message ?? '');
      break;
    case 'OnFailure':
      onFailed = true;
      onError = false;
      break;
    default:
      throw new TemplateRunError(`${policy} is not a valid RetryPolicy`);
  }
  if ((last.phase === 'Failed' && !onFailed) || (last.phase === 'Error' && !onError)) {
    finishRetry(ctx, id, last, last.phase, last.message ?? '', error);
    return;
  }
  if (limit !== undefined && attempts > limit) {
    finishRetry(ctx, id, last, last.phase, 'No more retries left', error);
    return;
  }
  if (strategy.expression !== undefined && strategy.expression !== '') {
    const env = new MapVariables({
      retries: String(attempts - 1),
      'lastRetry.exitCode': last.outputs?.exitCode ?? '-1',
      'lastRetry.status': last.phase,
      'lastRetry.duration': goSeconds(duration(last)),
      'lastRetry.message': last.message ?? '',
    });
    let result: unknown;
    try {
      result = evaluateWith(strategy.expression, env, ctx);
    } catch (problem) {
      throw new TemplateRunError(
        `unable to evaluate expression '${strategy.expression}': ${problem instanceof Error ? problem.message : String(problem)}`,
      );
    }
    if (typeof result !== 'boolean') {
      throw new TemplateRunError(`unable to cast expression result '${String(result)}' to bool`);
    }
    if (!result) {
      finishRetry(ctx, id, last, last.phase, 'retryStrategy.expression evaluated to false', error);
      return;
    }
  }
  if (capacityFor(ctx, '', false) !== 'ok') {
    holdBack(ctx, { kind: 'attempt', retry: id }, '');
    return;
  }
  startAttempt(ctx, id, executionDeadline);
}

/** A backoff timer fired. */
export function backoffElapsed(ctx: Ctx, id: string): void {
  const retry = ctx.state.exec[id]?.retry;
  if (retry === undefined) return;
  delete retry.timer;
  processRetry(ctx, id);
}

/** A held-back attempt may start now. */
export function resumeAttempt(ctx: Ctx, id: string): void {
  const retry = ctx.state.exec[id]?.retry;
  const node = ctx.maybeNode(id);
  if (retry === undefined || node === undefined || isFulfilled(node)) return;
  if (ctx.state.run.shutdown !== '') {
    processRetry(ctx, id);
    return;
  }
  startAttempt(ctx, id, undefined);
}
