// The `workflow.*` variables, as Argo's setGlobalParameters and setGlobalRuntimeParameters set them.
import { goJson } from '../expr/expr-lang';
import type { Parameter, WorkflowSpec } from '../spec/model';
import { fixedSeconds, parseRfc3339 } from './clock';
import type { EngineState, WorkflowMeta } from './model';
import { strftimeVariables } from './strftime';
import { collectFromMap, type Variables, type VarValue } from './variables';

/** encoding/json's HTML-safe escaping on top of JSON.stringify, for structs whose field order matters. */
export function goJsonOrdered(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** A Parameter in Go's field order (name, default, value, valueFrom, globalName, enum, description). */
export function parameterJson(param: Parameter): Record<string, unknown> {
  const out: Record<string, unknown> = { name: param.name };
  if (param.default !== undefined) out.default = param.default;
  if (param.value !== undefined) out.value = param.value;
  if (param.valueFrom !== undefined) out.valueFrom = param.valueFrom;
  if (param.globalName !== undefined) out.globalName = param.globalName;
  if (param.enum !== undefined) out.enum = param.enum;
  if (param.description !== undefined) out.description = param.description;
  return out;
}

/** The static `workflow.*` variables of a workflow about to start. */
export function buildGlobals(meta: WorkflowMeta, spec: WorkflowSpec): Record<string, string> {
  const globals: Record<string, string> = {
    'workflow.name': meta.name,
    'workflow.namespace': meta.namespace,
    'workflow.mainEntrypoint': spec.entrypoint ?? '',
    'workflow.serviceAccountName': spec.serviceAccountName ?? '',
    'workflow.uid': meta.uid,
    'workflow.creationTimestamp': meta.creationTimestamp,
  };
  const scheduled = meta.annotations['workflows.argoproj.io/scheduled-time'];
  if (scheduled !== undefined) globals['workflow.scheduledTime'] = scheduled;
  if (spec.priority !== undefined) globals['workflow.priority'] = String(spec.priority);
  const created = parseRfc3339(meta.creationTimestamp);
  for (const [char, text] of Object.entries(strftimeVariables(created))) {
    globals[`workflow.creationTimestamp.${char}`] = text;
  }
  globals['workflow.creationTimestamp.s'] = String(Math.floor(created / 1000));
  globals['workflow.creationTimestamp.RFC3339'] = meta.creationTimestamp;
  const params = spec.arguments?.parameters ?? [];
  const paramsJson = goJsonOrdered(params.map(parameterJson));
  globals['workflow.parameters'] = paramsJson;
  globals['workflow.parameters.json'] = paramsJson;
  for (const param of params) {
    const value = param.value ?? param.default;
    if (value !== undefined) globals[`workflow.parameters.${param.name}`] = value;
  }
  const annotations = goJson(meta.annotations);
  globals['workflow.annotations'] = annotations;
  globals['workflow.annotations.json'] = annotations;
  for (const [k, v] of Object.entries(meta.annotations)) globals[`workflow.annotations.${k}`] = v;
  const labels = goJson(meta.labels);
  globals['workflow.labels'] = labels;
  globals['workflow.labels.json'] = labels;
  const labelsFrom = spec.workflowMetadata?.labelsFrom ?? {};
  for (const [k, v] of Object.entries(meta.labels)) {
    if (!Object.hasOwn(labelsFrom, k)) globals[`workflow.labels.${k}`] = v;
  }
  for (const [k, v] of Object.entries(spec.workflowMetadata?.labels ?? {})) {
    if (!Object.hasOwn(labelsFrom, k)) globals[`workflow.labels.${k}`] = v;
  }
  for (const [k, v] of Object.entries(spec.workflowMetadata?.annotations ?? {})) {
    globals[`workflow.annotations.${k}`] = v;
  }
  return globals;
}

/** Runtime values that join the globals once the entry template is done (exit handlers, workflow hooks). */
export interface ExitGlobals {
  readonly status: string;
  readonly failures: string;
}

/**
 * `workflow.*` variables: the static ones, `workflow.outputs.parameters.*`, and `workflow.status` /
 * `workflow.duration` computed at `now` (the exit-handler values once the entry template finished).
 */
export class GlobalVariables implements Variables {
  private readonly runtime: Record<string, string>;
  private readonly globals: Record<string, string>;

  constructor(state: EngineState, now: number, exit?: ExitGlobals) {
    const started = state.status.startedAt === null ? undefined : parseRfc3339(state.status.startedAt);
    const finished = state.status.finishedAt === null ? undefined : parseRfc3339(state.status.finishedAt);
    const duration = started === undefined ? 0 : (finished ?? now) - started;
    this.runtime = {
      'workflow.status': exit?.status ?? state.status.phase,
      'workflow.duration': fixedSeconds(duration),
    };
    if (exit !== undefined) this.runtime['workflow.failures'] = exit.failures;
    this.globals = state.globals;
  }

  get(key: string): VarValue {
    if (Object.hasOwn(this.runtime, key)) return this.runtime[key];
    return Object.hasOwn(this.globals, key) ? this.globals[key] : undefined;
  }

  collect(path: readonly string[], into: Record<string, unknown>): void {
    if (path[0] !== 'workflow') return;
    collectFromMap(this.globals, path, into);
    collectFromMap(this.runtime, path, into);
  }
}
