// Outputs of a Steps or DAG template from its scope (Argo's getTemplateOutputsFromScope), and registering
// outputs with a `globalName` as workflow outputs.
import { formatTagResult } from '../expr/expr-lang';
import type { Parameter, Template, ValueFrom } from '../spec/model';
import { type ArtifactScope, resolveArtifact } from './artifacts';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import type { NodeOutputsStatus } from './model';
import { type EvalContext, evaluateWith } from './substitute';

function resolveParameter(
  valueFrom: ValueFrom,
  scope: ArtifactScope,
  context: EvalContext,
): { value: string | null; skipped: boolean } {
  if (valueFrom.expression !== undefined && valueFrom.expression !== '') {
    let result: unknown;
    try {
      result = evaluateWith(valueFrom.expression, scope.vars, context);
    } catch (error) {
      throw new TemplateRunError(error instanceof Error ? error.message : String(error));
    }
    const text = formatTagResult(result);
    if (text === undefined) {
      throw new TemplateRunError(`failed to evaluate expression ${JSON.stringify(valueFrom.expression)}`);
    }
    return { value: text, skipped: false };
  }
  if (valueFrom.parameter === undefined || valueFrom.parameter === '') return { value: '', skipped: false };
  const tag = valueFrom.parameter.replace(/^\{\{/u, '').replace(/\}\}$/u, '').trim();
  if (tag.startsWith('=')) {
    let result: unknown;
    try {
      result = evaluateWith(tag.slice(1), scope.vars, context);
    } catch {
      throw new TemplateRunError(`Invalid expression: ${JSON.stringify(tag.slice(1))}`);
    }
    const text = formatTagResult(result);
    if (text === undefined) throw new TemplateRunError(`Unable to resolve: ${JSON.stringify(tag)}`);
    return { value: text, skipped: false };
  }
  const value = scope.vars.get(tag);
  if (value === undefined) throw new TemplateRunError(`Unable to resolve: ${JSON.stringify(tag)}`);
  return { value, skipped: value === null };
}

/** The outputs a Steps/DAG template declares, resolved from its scope; undefined when it declares none. */
export function templateOutputs(
  ctx: Ctx,
  template: Template,
  scope: ArtifactScope,
  context: EvalContext,
): NodeOutputsStatus | undefined {
  const declared = template.outputs;
  const hasOutputs =
    (declared?.parameters?.length ?? 0) > 0 ||
    (declared?.artifacts?.length ?? 0) > 0 ||
    declared?.result !== undefined ||
    declared?.exitCode !== undefined;
  if (declared === undefined || !hasOutputs) return undefined;
  const outputs: NodeOutputsStatus = {};
  if (declared.parameters !== undefined && declared.parameters.length > 0) {
    outputs.parameters = declared.parameters.map((param): Parameter => {
      if (param.valueFrom === undefined) {
        throw new TemplateRunError('output parameters must have a valueFrom specified');
      }
      let value: string | null;
      try {
        const resolved = resolveParameter(param.valueFrom, scope, context);
        value =
          resolved.skipped && param.valueFrom.default !== undefined
            ? param.valueFrom.default
            : resolved.value;
      } catch (error) {
        if (param.valueFrom.default === undefined) throw error;
        value = param.valueFrom.default;
      }
      if (value === null) {
        throw new TemplateRunError(
          `output parameter ${JSON.stringify(param.name)}: ${JSON.stringify(param.valueFrom.parameter ?? '')} is an absent optional (skipped/omitted node output with no default)`,
        );
      }
      const out: Parameter = { ...param, value };
      delete out.valueFrom;
      return out;
    });
  }
  if (declared.artifacts !== undefined && declared.artifacts.length > 0) {
    outputs.artifacts = [];
    for (const art of declared.artifacts) {
      try {
        const resolved = resolveArtifact(ctx, art, scope, context);
        if (resolved === undefined) continue;
        const out = {
          ...resolved,
          name: art.name,
          ...(art.globalName === undefined ? {} : { globalName: art.globalName }),
        };
        outputs.artifacts.push(out as NonNullable<NodeOutputsStatus['artifacts']>[number]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message.includes('Unable to resolve') && art.optional === true) continue;
        throw new TemplateRunError(`unable to resolve outputs from scope: ${message}`);
      }
    }
  }
  return outputs;
}

/** Register outputs with a `globalName` in `status.outputs` and `workflow.outputs.*` (Argo's addOutputsToGlobalScope). */
export function publishGlobalOutputs(ctx: Ctx, outputs: NodeOutputsStatus | undefined): void {
  if (outputs === undefined) return;
  const status = ctx.state.status;
  for (const param of outputs.parameters ?? []) {
    if (param.globalName === undefined || param.globalName === '') continue;
    status.outputs = status.outputs ?? {};
    status.outputs.parameters = status.outputs.parameters ?? [];
    const list = status.outputs.parameters;
    const existing = list.find((p) => p.name === param.globalName);
    if (existing === undefined) {
      list.push(
        param.value === undefined
          ? { name: param.globalName }
          : { name: param.globalName, value: param.value },
      );
    } else if (param.value !== undefined) existing.value = param.value;
    if (param.value !== undefined)
      ctx.state.globals[`workflow.outputs.parameters.${param.globalName}`] = param.value;
  }
  for (const art of outputs.artifacts ?? []) {
    if (art.globalName === undefined || art.globalName === '') continue;
    status.outputs = status.outputs ?? {};
    status.outputs.artifacts = status.outputs.artifacts ?? [];
    const list = status.outputs.artifacts;
    const value = { ...art, name: art.globalName };
    delete value.globalName;
    delete value.path;
    const index = list.findIndex((a) => a.name === art.globalName);
    if (index < 0) list.push(value);
    else list[index] = value;
  }
}
