// Copying every template a workflow can reach into the state, so it runs without the template resolver:
// templateRefs, and the local templates those referenced templates name in their own WorkflowTemplate.
import type { LifecycleHook, Template, TemplateRef, WorkflowSpec } from '../spec/model';
import type { TemplateHolder } from './model';
import { entryOf } from './records';
import { refScope } from './templates';

/** Finds a template of a WorkflowTemplate (or ClusterWorkflowTemplate, with `clusterScope`). */
export type TemplateRefResolver = (ref: TemplateRef) => Template | undefined;

/** Templates by scope and name, and what could not be found. */
export interface CollectedTemplates {
  templates: Record<string, Record<string, Template>>;
  missing: Record<string, Record<string, string>>;
}

function isDynamic(text: string | undefined): boolean {
  return text?.includes('{{') === true;
}

function hookHolders(hooks: Record<string, LifecycleHook> | undefined): TemplateHolder[] {
  return Object.values(hooks ?? {}).map((hook) => ({
    template: hook.template,
    templateRef: hook.templateRef,
  }));
}

/** Every holder a template's body names (steps, tasks, their hooks and exit handlers). */
function holdersOf(template: Template): TemplateHolder[] {
  const out: TemplateHolder[] = [];
  const invocations = [...(template.steps ?? []).flat(), ...(template.dag?.tasks ?? [])];
  for (const step of invocations) {
    out.push({ template: step.template, templateRef: step.templateRef, inline: step.inline });
    if (step.onExit !== undefined) out.push({ template: step.onExit });
    out.push(...hookHolders(step.hooks));
  }
  return out;
}

/** Walk the spec from its templates, entrypoint, hooks and exit handler, resolving references once each. */
export function collectTemplates(
  localScope: string,
  spec: WorkflowSpec,
  resolve: TemplateRefResolver | undefined,
): CollectedTemplates {
  const templates: Record<string, Record<string, Template>> = { [localScope]: {} };
  const missing: Record<string, Record<string, string>> = {};
  const local = templates[localScope] as Record<string, Template>;
  for (const template of spec.templates ?? []) {
    if (template.name !== undefined && !Object.hasOwn(local, template.name)) local[template.name] = template;
  }
  const visited = new Set<string>();
  const queue: [string, Template][] = Object.values(local).map((t) => [localScope, t]);

  const fetch = (scope: string, ref: TemplateRef): void => {
    const name = ref.template ?? '';
    if (isDynamic(ref.name) || isDynamic(name)) return;
    const byName = entryOf(templates, scope, (): Record<string, Template> => ({}));
    if (Object.hasOwn(byName, name) || Object.hasOwn(missing[scope] ?? {}, name)) return;
    const found = resolve?.(ref);
    if (found === undefined) {
      const kind = ref.clusterScope === true ? 'clusterworkflowtemplates' : 'workflowtemplates';
      entryOf(missing, scope, (): Record<string, string> => ({}))[name] =
        `template ${JSON.stringify(name)} not found in ${kind}.argoproj.io ${JSON.stringify(ref.name ?? '')}`;
      return;
    }
    byName[name] = found;
    queue.push([scope, found]);
  };

  const visitHolder = (scope: string, holder: TemplateHolder): void => {
    if (holder.inline !== undefined) {
      queue.push([scope, holder.inline]);
    } else if (holder.templateRef !== undefined) {
      fetch(refScope(holder.templateRef), holder.templateRef);
    } else if (holder.template !== undefined && scope !== localScope) {
      // A local name inside a referenced WorkflowTemplate names another template of that WorkflowTemplate.
      const [kind, name] = [scope.slice(0, scope.indexOf('/')), scope.slice(scope.indexOf('/') + 1)];
      fetch(scope, { name, template: holder.template, clusterScope: kind === 'cluster' });
    }
  };

  for (const holder of [
    { template: spec.entrypoint },
    { template: spec.onExit },
    ...hookHolders(spec.hooks),
  ]) {
    visitHolder(localScope, holder);
  }
  while (queue.length > 0) {
    const [scope, template] = queue.pop() as [string, Template];
    const key = `${scope}\u0000${template.name ?? ''}`;
    if (template.name !== undefined && visited.has(key)) continue;
    if (template.name !== undefined) visited.add(key);
    for (const holder of holdersOf(template)) visitHolder(scope, holder);
  }
  return { templates, missing };
}
