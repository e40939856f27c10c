// `createWorkflowState`: everything a run needs, copied into one JSON object (templateRefs and the
// workflowTemplateRef resolved, submission parameters applied), so later steps need no resolver.
import type { Parameter, Template, TemplateRef, Workflow, WorkflowSpec } from '../spec/model';
import { rfc3339 } from './clock';
import { collectTemplates } from './collect-templates';
import { type ConfigMapData, configMapValue } from './config-maps';
import { WorkflowInputError } from './errors';
import { buildGlobals } from './globals';
import { fnv32a } from './ids';
import type { EngineState, WorkflowMeta } from './model';

/** What `createWorkflowState` needs. */
export interface CreateWorkflowInput {
  /** The Workflow manifest (typed model). */
  readonly workflow: Workflow;
  /** The workflow's name; defaults to `metadata.name` (required when the manifest only has `generateName`). */
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  /** ms since the epoch; defaults to the time of the `start` event. */
  readonly creationTimestamp?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** Submission parameters (`-p name=value`): they override `spec.arguments.parameters`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Finds a template of a WorkflowTemplate (or ClusterWorkflowTemplate with `clusterScope`). */
  readonly resolveTemplateRef?: (ref: TemplateRef) => Template | undefined;
  /** Finds the spec of a WorkflowTemplate (or ClusterWorkflowTemplate) for `spec.workflowTemplateRef`. */
  readonly resolveWorkflowTemplate?: (name: string, clusterScope: boolean) => WorkflowSpec | undefined;
  /** Sizes of semaphores, by `<configmap>/<key>` (or database key); 1 when absent. */
  readonly semaphoreLimits?: Readonly<Record<string, number>>;
  /** ConfigMaps for `valueFrom.configMapKeyRef` parameters, by name (copied into the state). */
  readonly configMaps?: ConfigMapData;
}

function mergeParameters(base: readonly Parameter[], override: readonly Parameter[]): Parameter[] {
  const out = base.map((p) => ({ ...p }));
  for (const param of override) {
    const index = out.findIndex((p) => p.name === param.name);
    if (index >= 0) out[index] = { ...out[index], ...param } as Parameter;
    else out.push({ ...param });
  }
  return out;
}

/** Argo's JoinWorkflowSpec: the workflow's own fields win over the WorkflowTemplate's. */
function joinSpecs(own: WorkflowSpec, template: WorkflowSpec): WorkflowSpec {
  const merged: WorkflowSpec = { ...template };
  for (const [key, value] of Object.entries(own)) {
    if (value !== undefined && key !== 'workflowTemplateRef')
      (merged as Record<string, unknown>)[key] = value;
  }
  const templates = [...(own.templates ?? [])];
  for (const t of template.templates ?? []) {
    if (!templates.some((o) => o.name === t.name)) templates.push(t);
  }
  merged.templates = templates;
  merged.arguments = {
    ...template.arguments,
    ...own.arguments,
    parameters: mergeParameters(template.arguments?.parameters ?? [], own.arguments?.parameters ?? []),
  };
  if ((merged.arguments.parameters ?? []).length === 0) delete merged.arguments.parameters;
  return merged;
}

function specOf(input: CreateWorkflowInput): WorkflowSpec {
  let spec = input.workflow.spec;
  const ref = spec.workflowTemplateRef;
  if (ref !== undefined) {
    const name = ref.name ?? '';
    const found = input.resolveWorkflowTemplate?.(name, ref.clusterScope === true);
    if (found === undefined) {
      const kind = ref.clusterScope === true ? 'clusterworkflowtemplates' : 'workflowtemplates';
      throw new WorkflowInputError(`${kind}.argoproj.io ${JSON.stringify(name)} not found`);
    }
    spec = joinSpecs(spec, found);
  }
  const submitted = Object.entries(input.parameters ?? {}).map(
    ([name, value]): Parameter => ({ name, value }),
  );
  if (submitted.length > 0) {
    spec = {
      ...spec,
      arguments: {
        ...spec.arguments,
        parameters: mergeParameters(spec.arguments?.parameters ?? [], submitted).map((p) => {
          const given = input.parameters?.[p.name];
          if (given === undefined) return p;
          const out = { ...p, value: given };
          delete out.valueFrom;
          return out;
        }),
      },
    };
  }
  return withConfigMapArguments(spec, input.configMaps ?? {});
}

/** Argo reads a workflow parameter's `valueFrom.configMapKeyRef` when the workflow starts: it becomes the value. */
function withConfigMapArguments(spec: WorkflowSpec, configMaps: ConfigMapData): WorkflowSpec {
  const params = spec.arguments?.parameters;
  if (!params?.some((p) => p.value === undefined && p.valueFrom?.configMapKeyRef !== undefined)) return spec;
  const parameters = params.map((p) => {
    if (p.value !== undefined || p.valueFrom?.configMapKeyRef === undefined) return p;
    const found = configMapValue(configMaps, p.valueFrom.configMapKeyRef);
    return 'value' in found ? { ...p, value: found.value } : p;
  });
  return { ...spec, arguments: { ...spec.arguments, parameters } };
}

type Progress = Omit<
  EngineState,
  'version' | 'meta' | 'spec' | 'templates' | 'missing' | 'semaphoreLimits' | 'configMaps' | 'globals'
>;

function initialProgress(): Progress {
  return {
    status: { phase: 'Pending', startedAt: null, finishedAt: null, progress: '0/0', nodes: {} },
    exec: {},
    timers: {},
    blocked: { seq: 0, items: {}, global: { ids: [], head: 0 }, byBoundary: {} },
    locks: {},
    counters: {
      activePods: 0,
      activeChildren: {},
      unsuccessful: {},
      progressTotal: 0,
      progressDone: 0,
      livePods: {},
      liveSuspends: {},
      failed: [],
    },
    run: {
      stage: 'created',
      suspended: false,
      shutdown: '',
      deadlinePassed: false,
      deferred: [],
      hooksStarted: {},
    },
  };
}

/**
 * The same run from the start again (`slipway retry`): its spec, templates and `workflow.*` variables kept, every
 * node and timer forgotten.
 */
export function restartWorkflowState(state: EngineState): EngineState {
  const restarted: EngineState = { ...structuredClone(state), ...initialProgress() };
  delete restarted.replay;
  return restarted;
}

/** Build the initial state of a workflow run; nothing runs until the `start` event. */
export function createWorkflowState(input: CreateWorkflowInput): EngineState {
  const metadata = input.workflow.metadata ?? {};
  const name = input.name ?? metadata.name;
  if (name === undefined || name === '') {
    throw new WorkflowInputError(
      'the workflow has no name: give `name` (a manifest with only generateName needs one)',
    );
  }
  const spec = specOf(input);
  const meta: WorkflowMeta = {
    name,
    namespace: input.namespace ?? metadata.namespace ?? 'default',
    uid: input.uid ?? `${fnv32a(`uid:${name}`).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    creationTimestamp: input.creationTimestamp === undefined ? '' : rfc3339(input.creationTimestamp),
    labels: { ...(metadata.labels ?? {}), ...(input.labels ?? {}) },
    annotations: { ...(metadata.annotations ?? {}), ...(input.annotations ?? {}) },
  };
  const localScope = `local/${name}`;
  const { templates, missing } = collectTemplates(localScope, spec, input.resolveTemplateRef);
  return {
    version: 1,
    meta,
    spec,
    templates,
    missing,
    semaphoreLimits: { ...(input.semaphoreLimits ?? {}) },
    ...(input.configMaps ? { configMaps: structuredClone(input.configMaps) } : {}),
    globals: meta.creationTimestamp === '' ? {} : buildGlobals(meta, spec),
    ...initialProgress(),
  };
}
