// Helpers for tests that run workflows: load a Workflow from YAML, create its state, find nodes by name.
import { loadDocuments } from '../../spec/load';
import type { Template, TemplateRef, Workflow, WorkflowSpec } from '../../spec/model';
import { type CreateWorkflowInput, createWorkflowState } from '../create-state';
import type { EngineState, NodeStatus } from '../model';

/** The manifests of a YAML text (throws on load diagnostics with severity error). */
export function manifestsFromYaml(text: string): { kind: string; name: string; spec: WorkflowSpec }[] {
  const loaded = loadDocuments([{ file: 'test.yaml', text }]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return loaded.manifests.map((m) => ({
    kind: m.manifest.kind,
    name: m.name,
    spec: (m.manifest as { spec: WorkflowSpec }).spec,
  }));
}

/** The first Workflow of a YAML text. */
export function workflowFromYaml(text: string): Workflow {
  const loaded = loadDocuments([{ file: 'test.yaml', text }]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const found = loaded.manifests.find((m) => m.manifest.kind === 'Workflow');
  if (found === undefined) throw new Error('no Workflow in the YAML');
  return found.manifest as Workflow;
}

/**
 * The state of the Workflow in `yaml` (named `name`, default `wf`); WorkflowTemplates and
 * ClusterWorkflowTemplates in the same text resolve its references.
 */
export function stateFromYaml(
  yaml: string,
  input: Partial<Omit<CreateWorkflowInput, 'workflow'>> = {},
): EngineState {
  const manifests = manifestsFromYaml(yaml);
  const find = (name: string, cluster: boolean) =>
    manifests.find(
      (m) => m.name === name && m.kind === (cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'),
    );
  return createWorkflowState({
    workflow: workflowFromYaml(yaml),
    name: 'wf',
    creationTimestamp: Date.UTC(2024, 0, 1),
    resolveTemplateRef: (ref: TemplateRef): Template | undefined =>
      find(ref.name ?? '', ref.clusterScope === true)?.spec.templates?.find((t) => t.name === ref.template),
    resolveWorkflowTemplate: (name, cluster) => find(name, cluster)?.spec,
    ...input,
  });
}

/** The node with this name (or display name when unique); throws when there is none. */
export function nodeNamed(state: EngineState, name: string): NodeStatus {
  const nodes = Object.values(state.status.nodes);
  const byName = nodes.find((n) => n.name === name);
  if (byName !== undefined) return byName;
  const byDisplay = nodes.filter((n) => n.displayName === name);
  if (byDisplay.length === 1 && byDisplay[0] !== undefined) return byDisplay[0];
  throw new Error(`no node named ${name}; nodes: ${nodes.map((n) => n.name).join(', ')}`);
}

/** `name → phase` of every node, for compact assertions. */
export function phases(state: EngineState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of Object.values(state.status.nodes)) out[node.name] = node.phase;
  return out;
}
