import type { LoadedManifest } from '../spec/load';
import type { DAGTask, Invocation, LifecycleHook, Template, WorkflowStep } from '../spec/model/template';
import { TEMPLATE_TYPES, type TemplateType } from '../spec/model/template';
import type { WorkflowSpec } from '../spec/model/workflow-spec';
import { findTemplate, specOf, type TemplateRegistry } from './registry';

/** A workflow-like manifest seen through what lint needs: its spec and the templates it can call by name. */
export interface ManifestView {
  readonly loaded: LoadedManifest;
  readonly spec: WorkflowSpec;
  /** The spec of the WorkflowTemplate named by `workflowTemplateRef`, when it is among the files given. */
  readonly referencedSpec?: WorkflowSpec;
  /** A template callable by `template:` from this manifest (its own, else the referenced template's). */
  localTemplate(name: string): Template | undefined;
  /** Every name callable by `template:`, for suggestions. */
  localTemplateNames(): string[];
}

/** Builds the view of a manifest that has a WorkflowSpec; undefined for WorkflowEventBindings. */
export function viewOf(loaded: LoadedManifest, registry: TemplateRegistry): ManifestView | undefined {
  const spec = specOf(loaded);
  if (!spec) return undefined;
  const ref = spec.workflowTemplateRef;
  const referenced = ref?.name ? registry.manifest(ref.name, ref.clusterScope === true) : undefined;
  const referencedSpec = referenced ? specOf(referenced) : undefined;
  return {
    loaded,
    spec,
    ...(referencedSpec ? { referencedSpec } : {}),
    localTemplate: (name) => findTemplate(spec, name) ?? findTemplate(referencedSpec, name),
    localTemplateNames: () =>
      [...(spec.templates ?? []), ...(referencedSpec?.templates ?? [])].flatMap((t) =>
        t.name ? [t.name] : [],
      ),
  };
}

/** The types a template declares (a valid template has exactly one). */
export function templateTypes(template: Template): TemplateType[] {
  return TEMPLATE_TYPES.filter((type) => template[type] !== undefined);
}

/** True for templates that run a pod (and so have `pod.name`, results and exit codes). */
export function isPodTemplate(template: Template): boolean {
  return (
    template.container !== undefined ||
    template.script !== undefined ||
    template.containerSet !== undefined ||
    template.resource !== undefined ||
    template.data !== undefined
  );
}

/** True for templates whose nodes have `outputs.result` and `exitCode`. */
export function producesResult(template: Template): boolean {
  return (
    template.container !== undefined ||
    template.script !== undefined ||
    template.containerSet !== undefined ||
    template.data !== undefined ||
    template.http !== undefined ||
    template.plugin !== undefined
  );
}

/** A call site: a step, a DAG task, or a lifecycle hook, with the object its fields live on. */
export type CallSite =
  | { readonly kind: 'step'; readonly call: WorkflowStep; readonly group: number }
  | { readonly kind: 'task'; readonly call: DAGTask }
  | {
      readonly kind: 'hook';
      readonly call: LifecycleHook;
      readonly hookName: string;
      readonly owner?: Invocation;
    };

/** Every step, task and hook of a template, in document order. */
export function callSitesOf(template: Template): CallSite[] {
  const sites: CallSite[] = [];
  const withHooks = (call: Invocation) => {
    for (const [hookName, hook] of Object.entries(call.hooks ?? {})) {
      sites.push({ kind: 'hook', call: hook, hookName, owner: call });
    }
  };
  template.steps?.forEach((group, index) => {
    for (const step of group) {
      sites.push({ kind: 'step', call: step, group: index });
      withHooks(step);
    }
  });
  for (const task of template.dag?.tasks ?? []) {
    sites.push({ kind: 'task', call: task });
    withHooks(task);
  }
  return sites;
}

/** Every template of a spec including inline ones, each once. */
export function allTemplates(spec: WorkflowSpec): Template[] {
  const found: Template[] = [];
  const visit = (template: Template) => {
    found.push(template);
    for (const site of callSitesOf(template)) {
      if (site.kind !== 'hook' && site.call.inline) visit(site.call.inline);
    }
  };
  for (const template of spec.templates ?? []) visit(template);
  return found;
}
