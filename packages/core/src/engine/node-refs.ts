// `steps.<name>.*` and `tasks.<name>.*` for one referenced node (Argo's buildLocalScope, aggregate outputs of
// loops, and the declared outputs of Skipped/Omitted nodes), computed only for the names a template reads.
import type { Template } from '../spec/model';
import type { Ctx } from './context';
import type { Aggregate, NodeStatus, TemplateHolder } from './model';
import { resolveHolder, withTemplateDefaults } from './templates';

/** What is known about the node behind a step or task name. */
export interface NodeRef {
  /** The step/task node (Retry nodes are read through their last attempt). */
  node: string;
  /** For loops: the aggregated outputs of the expanded children. */
  aggregate?: Aggregate;
  /** The template the step/task names, for the declared outputs of a Skipped/Omitted node. */
  holder?: TemplateHolder;
  scope?: string;
}

/** The last attempt of a Retry node (hook children excluded), or the node itself. */
function throughRetry(ctx: Ctx, node: NodeStatus): NodeStatus {
  if (node.type !== 'Retry') return node;
  const children = node.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = ctx.maybeNode(children[i] ?? '');
    if (child !== undefined && child.nodeFlag?.hooked !== true) return child;
  }
  return node;
}

function declaredOutputs(ctx: Ctx, ref: NodeRef): Template['outputs'] {
  if (ref.holder === undefined || ref.scope === undefined) return undefined;
  const found = resolveHolder(ctx.state, ref.scope, ref.holder);
  if ('error' in found) return undefined;
  return withTemplateDefaults(found.template, ctx.state.spec.templateDefaults).outputs;
}

/** Flat variables (`<prefix>.<name>.…`) for one node; `null` marks an absent optional. */
export function nodeRefVariables(
  ctx: Ctx,
  prefix: 'steps' | 'tasks',
  name: string,
  ref: NodeRef,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const base = `${prefix}.${name}`;
  const aggregate = ref.aggregate;
  if (aggregate !== undefined) {
    if (aggregate.result !== undefined) out[`${base}.outputs.result`] = aggregate.result;
    if (aggregate.parameters !== undefined) out[`${base}.outputs.parameters`] = aggregate.parameters;
    for (const [param, value] of Object.entries(aggregate.byName)) {
      out[`${base}.outputs.parameters.${param}`] = value;
    }
  }
  const own = ctx.maybeNode(ref.node);
  if (own === undefined) return out;
  const node = throughRetry(ctx, own);
  out[`${base}.id`] = node.id;
  if (node.startedAt !== null) out[`${base}.startedAt`] = node.startedAt;
  if (node.finishedAt !== null) out[`${base}.finishedAt`] = node.finishedAt;
  out[`${base}.status`] = node.phase;
  if (node.podIP !== undefined) out[`${base}.ip`] = node.podIP;
  const outputs = node.outputs;
  if (outputs !== undefined) {
    if (outputs.result !== undefined) out[`${base}.outputs.result`] = outputs.result;
    if (outputs.exitCode !== undefined) out[`${base}.exitCode`] = outputs.exitCode;
    for (const param of outputs.parameters ?? []) {
      if (param.value !== undefined) out[`${base}.outputs.parameters.${param.name}`] = param.value;
    }
  } else if (node.phase === 'Skipped' || node.phase === 'Omitted') {
    const declared = declaredOutputs(ctx, ref);
    for (const param of declared?.parameters ?? []) {
      out[`${base}.outputs.parameters.${param.name}`] = param.valueFrom?.default ?? null;
    }
    if (declared?.result !== undefined) out[`${base}.outputs.result`] = null;
  }
  return out;
}

/** The artifact a `steps.<name>.outputs.artifacts.<a>` / `tasks.…` reference points at, if produced. */
export function nodeRefArtifact(
  ctx: Ctx,
  ref: NodeRef,
  artifact: string,
): Record<string, unknown> | undefined {
  const own = ctx.maybeNode(ref.node);
  if (own === undefined) return undefined;
  const node = throughRetry(ctx, own);
  const found = node.outputs?.artifacts?.find((a) => a.name === artifact);
  return found === undefined ? undefined : { ...found };
}
