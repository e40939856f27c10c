import type { LoadedManifest } from '../spec/load';
import type { Template, TemplateRef } from '../spec/model/template';
import type { WorkflowSpec } from '../spec/model/workflow-spec';

/** A template found by name, with the manifest that holds it. */
export interface ResolvedTemplate {
  readonly template: Template;
  readonly owner: LoadedManifest;
}

/** The result of resolving a `templateRef`. */
export type TemplateRefResolution =
  | { readonly status: 'found'; readonly resolved: ResolvedTemplate }
  | { readonly status: 'no-manifest'; readonly name: string; readonly clusterScope: boolean }
  | { readonly status: 'no-template'; readonly owner: LoadedManifest; readonly template: string };

/** The WorkflowTemplates and ClusterWorkflowTemplates of the files linted together, by name. */
export class TemplateRegistry {
  readonly #namespaced = new Map<string, LoadedManifest>();
  readonly #cluster = new Map<string, LoadedManifest>();

  constructor(manifests: readonly LoadedManifest[]) {
    for (const loaded of manifests) {
      const name = loaded.manifest.metadata?.name;
      if (!name) continue;
      if (loaded.manifest.kind === 'WorkflowTemplate') this.#namespaced.set(name, loaded);
      if (loaded.manifest.kind === 'ClusterWorkflowTemplate') this.#cluster.set(name, loaded);
    }
  }

  /** The WorkflowTemplate (or, with `clusterScope`, ClusterWorkflowTemplate) of that name. */
  manifest(name: string, clusterScope: boolean): LoadedManifest | undefined {
    return (clusterScope ? this.#cluster : this.#namespaced).get(name);
  }

  /** Names of the templates of the given scope, for suggestions. */
  manifestNames(clusterScope: boolean): string[] {
    return [...(clusterScope ? this.#cluster : this.#namespaced).keys()];
  }

  /** Resolves a templateRef against the files given. */
  resolveRef(ref: TemplateRef): TemplateRefResolution {
    const clusterScope = ref.clusterScope === true;
    const owner = this.manifest(ref.name ?? '', clusterScope);
    if (!owner) return { status: 'no-manifest', name: ref.name ?? '', clusterScope };
    const template = findTemplate(specOf(owner), ref.template ?? '');
    if (!template) return { status: 'no-template', owner, template: ref.template ?? '' };
    return { status: 'found', resolved: { template, owner } };
  }
}

/** The WorkflowSpec of a workflow-like manifest (a CronWorkflow's `workflowSpec`), if it has one. */
export function specOf(loaded: LoadedManifest): WorkflowSpec | undefined {
  const { manifest } = loaded;
  if (manifest.kind === 'CronWorkflow') return manifest.spec.workflowSpec;
  if (manifest.kind === 'WorkflowEventBinding') return undefined;
  return manifest.spec;
}

/** The template of that name in a spec. */
export function findTemplate(spec: WorkflowSpec | undefined, name: string): Template | undefined {
  return spec?.templates?.find((template) => template.name === name);
}
