import type { WorkflowRecord } from '../store';

/** A plausible workflow record named `name`, with `overrides` applied. */
export function workflowRecord(name: string, overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    manifest: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'alpine:3.20' } }] },
    },
    status: { phase: 'Pending', nodes: {} },
    engineState: { version: 1, queue: [] },
    phase: 'Pending',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/**
 * An Argo-like `status` of about `bytes` bytes of JSON: many nodes with short fields, the shape that is
 * slowest to serialize per byte.
 */
export function bigStatus(bytes: number, counter = 0): { phase: string; counter: number; nodes: object } {
  const nodes: Record<string, object> = {};
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const id = `wf-x7k2p-${1_000_000_000 + i * 7919}`;
    const node = {
      id,
      name: `wf-x7k2p.build(${i})`,
      displayName: `build(${i})`,
      type: 'Pod',
      templateName: 'build',
      phase: 'Succeeded',
      boundaryID: 'wf-x7k2p',
      startedAt: '2024-05-01T10:00:00Z',
      finishedAt: '2024-05-01T10:01:00Z',
      progress: '1/1',
      outputs: { parameters: [{ name: 'digest', value: `sha256:${'a'.repeat(64)}` }], exitCode: '0' },
      children: [`wf-x7k2p-${i + 1}`],
      message: 'ünïcödé ✓ 🚀 "quoted" \\ back\nslash',
    };
    nodes[id] = node;
    size += JSON.stringify(node).length + id.length + 4;
  }
  return { phase: 'Running', counter, nodes };
}
