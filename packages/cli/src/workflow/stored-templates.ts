import type { Store, Template, TemplateRef, WorkflowSpec } from '@slipway/core';

/** The WorkflowTemplates and ClusterWorkflowTemplates in the store, loaded once, as the engine's resolvers. */
export async function storedTemplateResolvers(store: Store): Promise<{
  resolveTemplateRef: (ref: TemplateRef) => Template | undefined;
  resolveWorkflowTemplate: (name: string, clusterScope: boolean) => WorkflowSpec | undefined;
}> {
  const specs = new Map<string, WorkflowSpec>();
  for (const kind of ['WorkflowTemplate', 'ClusterWorkflowTemplate'] as const) {
    for (const { name, manifest } of await store.listTemplates(kind)) {
      specs.set(`${kind}/${name}`, (manifest as { spec: WorkflowSpec }).spec);
    }
  }
  const specOf = (name: string, clusterScope: boolean) =>
    specs.get(`${clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'}/${name}`);
  return {
    resolveWorkflowTemplate: specOf,
    resolveTemplateRef: (ref) =>
      specOf(ref.name ?? '', ref.clusterScope === true)?.templates?.find((t) => t.name === ref.template),
  };
}
