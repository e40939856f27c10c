// Suspend templates: Running until resumed (the `resume` event, with values for `valueFrom.supplied` outputs) or
// until their `duration` passes, when supplied outputs take their defaults.
import type { Template } from '../spec/model';
import { parseArgoDuration, parseRfc3339 } from './clock';
import type { Ctx } from './context';
import { EngineEventError } from './errors';
import { finish, progress, startTimer } from './lifecycle';
import type { ExecRequest, NodeOutputsStatus } from './model';
import { isFulfilled } from './nodes';

/** Argo's addRawOutputFields: supplied outputs appear on the node (defaulting from a same-named input). */
function rawOutputs(template: Template): NodeOutputsStatus | undefined {
  const params = (template.outputs?.parameters ?? []).filter((p) => p.valueFrom?.supplied !== undefined);
  if (params.length === 0) return undefined;
  return {
    parameters: params.map((param) => {
      if (param.valueFrom?.default !== undefined) return { ...param };
      const input = template.inputs?.parameters?.find(
        (p) => p.name === param.name && p.default !== undefined,
      );
      return input === undefined
        ? { ...param }
        : { ...param, valueFrom: { ...param.valueFrom, default: input.default } };
    }),
  };
}

/** Start a suspend node (it exists, Pending); returns an error message Argo would return. */
export function startSuspend(ctx: Ctx, id: string, req: ExecRequest, template: Template): string | undefined {
  const node = ctx.node(id);
  const outputs = rawOutputs(template);
  if (outputs !== undefined) node.outputs = outputs;
  ctx.exec(id).suspend = { onExit: req.onExit };
  const durationText = template.suspend?.duration;
  if (durationText !== undefined && durationText !== '') {
    const duration = parseArgoDuration(durationText);
    if (duration === undefined) return `unable to parse ${durationText} as a duration`;
    const deadline = parseRfc3339(node.startedAt ?? '') + duration;
    if (ctx.now > deadline) {
      const problem = applySupplied(ctx, id, undefined);
      if (problem !== undefined) return problem;
      finish(ctx, id, 'Succeeded');
      return undefined;
    }
    const exec = ctx.exec(id);
    exec.suspend = { onExit: req.onExit, timer: startTimer(ctx, 'suspend', id, deadline) };
  }
  const shutdown = ctx.state.run.shutdown;
  if (shutdown === 'Terminate' || (shutdown === 'Stop' && !req.onExit)) {
    finish(ctx, id, 'Failed', `Stopped with strategy '${shutdown}'`);
    return undefined;
  }
  if (!req.onExit && ctx.state.run.deadlinePassed) {
    finish(ctx, id, 'Failed', 'Step exceeded its deadline');
    return undefined;
  }
  ctx.state.counters.liveSuspends[id] = true;
  progress(ctx, id, 'Running');
  return undefined;
}

/** Fill supplied outputs from `values`, else their defaults; a message (and no change) when one has neither. */
function applySupplied(
  ctx: Ctx,
  id: string,
  values: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const node = ctx.node(id);
  const supplied = (node.outputs?.parameters ?? []).filter((p) => p.valueFrom?.supplied !== undefined);
  for (const param of supplied) {
    if ((values?.[param.name] ?? param.value ?? param.valueFrom?.default) === undefined) {
      return `raw output parameter '${param.name}' has not been set and does not have a default value`;
    }
  }
  for (const param of supplied) {
    param.value = values?.[param.name] ?? param.value ?? param.valueFrom?.default;
    delete param.valueFrom;
  }
  return undefined;
}

/** The duration of a suspend node passed. */
export function suspendExpired(ctx: Ctx, id: string): void {
  const node = ctx.maybeNode(id);
  if (node === undefined || isFulfilled(node)) return;
  const problem = applySupplied(ctx, id, undefined);
  if (problem !== undefined) finish(ctx, id, 'Error', problem, problem);
  else finish(ctx, id, 'Succeeded');
}

/** Resume suspend nodes (`argo resume` / `argo node set`); throws, changing nothing, when a supplied output has no value. */
export function resumeSuspends(
  ctx: Ctx,
  ids: readonly string[],
  values: Readonly<Record<string, string>> | undefined,
): void {
  const live = ids.filter((id) => {
    const node = ctx.maybeNode(id);
    return node !== undefined && !isFulfilled(node);
  });
  for (const id of live) {
    const missing = (ctx.node(id).outputs?.parameters ?? []).find(
      (p) =>
        p.valueFrom?.supplied !== undefined &&
        (values?.[p.name] ?? p.value ?? p.valueFrom.default) === undefined,
    );
    if (missing !== undefined) {
      throw new EngineEventError(
        `raw output parameter '${missing.name}' has not been set and does not have a default value`,
      );
    }
  }
  for (const id of live) {
    applySupplied(ctx, id, values);
    finish(ctx, id, 'Succeeded');
  }
}
