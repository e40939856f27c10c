// Finding the template a step, task or hook names, in the scope it is named from, with templateDefaults applied.
import type { Template, TemplateRef } from '../spec/model';
import type { EngineState, NodeType, TemplateHolder } from './model';

/** Template types in the order Argo's Template.GetType checks them. */
export type RunnableType =
  | 'container'
  | 'containerSet'
  | 'steps'
  | 'dag'
  | 'script'
  | 'resource'
  | 'data'
  | 'suspend'
  | 'http'
  | 'plugin';

const TYPE_ORDER: readonly RunnableType[] = [
  'container',
  'containerSet',
  'steps',
  'dag',
  'script',
  'resource',
  'data',
  'suspend',
  'http',
  'plugin',
];

/** Which kind of template this is, or undefined when it has no body. */
export function templateType(template: Template): RunnableType | undefined {
  return TYPE_ORDER.find((type) => template[type] !== undefined);
}

/** Whether the template runs as a pod (Argo's IsPodType). */
export function isPodType(type: RunnableType | undefined): boolean {
  return (
    type === 'container' ||
    type === 'containerSet' ||
    type === 'script' ||
    type === 'resource' ||
    type === 'data'
  );
}

/** The node type Argo gives a template's node (before any Retry wrapping). */
export function nodeTypeOf(type: RunnableType | undefined): NodeType {
  switch (type) {
    case 'steps':
      return 'Steps';
    case 'dag':
      return 'DAG';
    case 'suspend':
      return 'Suspend';
    case 'http':
      return 'HTTP';
    case 'plugin':
      return 'Plugin';
    default:
      return 'Pod';
  }
}

/** The scope key a templateRef resolves in. */
export function refScope(ref: TemplateRef): string {
  return `${ref.clusterScope === true ? 'cluster' : 'namespaced'}/${ref.name ?? ''}`;
}

/** A holder's template and the scope its own local names resolve in. */
export interface ResolvedTemplate {
  readonly template: Template;
  readonly scope: string;
}

/** Find the template a holder names; a message when it cannot be found. */
export function resolveHolder(
  state: EngineState,
  scope: string,
  holder: TemplateHolder,
): ResolvedTemplate | { readonly error: string } {
  if (holder.inline !== undefined) return { template: holder.inline, scope };
  if (holder.templateRef !== undefined) {
    const ref = holder.templateRef;
    const key = refScope(ref);
    const found = state.templates[key]?.[ref.template ?? ''];
    if (found !== undefined) return { template: found, scope: key };
    const known = state.missing[key]?.[ref.template ?? ''];
    const kind = ref.clusterScope === true ? 'clusterworkflowtemplates' : 'workflowtemplates';
    return {
      error:
        known ??
        `template ${JSON.stringify(ref.template ?? '')} not found in ${kind}.argoproj.io ${JSON.stringify(ref.name ?? '')}`,
    };
  }
  const name = holder.template ?? '';
  const found = state.templates[scope]?.[name];
  if (found !== undefined) return { template: found, scope };
  const known = state.missing[scope]?.[name];
  if (known !== undefined) return { error: known };
  return { error: `template ${JSON.stringify(name)} not found` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mergeDefaults(defaults: unknown, value: unknown): unknown {
  if (value === undefined) return defaults;
  if (isPlainObject(defaults) && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...defaults };
    for (const [key, item] of Object.entries(value)) out[key] = mergeDefaults(defaults[key], item);
    return out;
  }
  return value;
}

/**
 * Apply `spec.templateDefaults` to a template as Argo's mergedTemplateDefaultsInto: defaults for other template
 * types are dropped, then the template's own fields win (objects merge key by key; lists are replaced, where
 * Kubernetes' strategic merge would merge some of them by key).
 */
export function withTemplateDefaults(template: Template, defaults: Template | undefined): Template {
  if (defaults === undefined) return template;
  const own = templateType(template);
  const applicable: Record<string, unknown> = { ...defaults };
  for (const type of TYPE_ORDER) if (type !== own) delete applicable[type];
  return mergeDefaults(applicable, template) as Template;
}

/** The display name a template asks for (`workflows.argoproj.io/display-name` annotation). */
export function templateDisplayName(template: Template): string | undefined {
  return template.annotations?.['workflows.argoproj.io/display-name'];
}
