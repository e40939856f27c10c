// `slipway retry`: the run starts again under the same name, with its volumes and artifacts where they were;
// pods that succeeded last time are not run again, their outcome is replayed instead.
import type { PodExit } from '../engine/contract';
import { restartWorkflowState } from '../engine/create-state';
import type { EngineState, NodeStatus } from '../engine/model';
import { RetrySelectorError } from './errors';

/** What `retry` re-runs beyond the failed nodes. */
export interface RetryOptions {
  /** Argo's `--node-field-selector`: `key=value`/`key!=value` pairs, comma-separated, on node fields. */
  readonly nodeFieldSelector?: string;
  /** Also re-run succeeded nodes the selector matches (and every pod below them). */
  readonly restartSuccessful?: boolean;
}

/** The fresh state to run, and the succeeded pods of the last run to replay, by `replayKey`. */
export interface RetryPlan {
  readonly state: EngineState;
  readonly replay: Record<string, NodeStatus>;
}

type Condition = { readonly field: string; readonly value: string; readonly equal: boolean };

const FIELDS = new Set(['id', 'name', 'displayName', 'templateName', 'phase', 'type', 'boundaryID']);

function parseSelector(selector: string): Condition[] {
  return selector
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([A-Za-z.]+)\s*(!=|==|=)\s*(.*)$/.exec(part);
      if (!match || !FIELDS.has(match[1]!))
        throw new RetrySelectorError(
          `--node-field-selector: \`${part}\` is not FIELD=VALUE or FIELD!=VALUE with FIELD one of ${[...FIELDS].join(', ')}`,
        );
      return { field: match[1]!, value: match[3]!.trim(), equal: match[2] !== '!=' };
    });
}

function matches(node: NodeStatus, conditions: readonly Condition[]): boolean {
  return conditions.every((c) => {
    const actual = String((node as unknown as Record<string, unknown>)[c.field] ?? '');
    return (actual === c.value) === c.equal;
  });
}

/**
 * The key under which a pod's outcome is replayed: its node name, without the attempt suffix when it is an attempt
 * of a Retry node (so the first attempt of the new run replays whichever attempt succeeded last time).
 */
export function replayKey(nodeName: string, nodeNamed: (name: string) => NodeStatus | undefined): string {
  const attempt = /\(\d+\)$/.exec(nodeName);
  if (attempt === null) return nodeName;
  const parent = nodeName.slice(0, attempt.index);
  return nodeNamed(parent)?.type === 'Retry' ? parent : nodeName;
}

function descendants(nodes: Record<string, NodeStatus>, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(nodes[id]?.children ?? []));
  }
  return seen;
}

/** Plans the retry of a finished workflow: which succeeded pods to replay, and the state to start from. */
export function planRetry(previous: EngineState, options: RetryOptions = {}): RetryPlan {
  const nodes = previous.status.nodes;
  const conditions = parseSelector(options.nodeFieldSelector ?? '');
  const restarted =
    options.restartSuccessful === true && conditions.length > 0
      ? descendants(
          nodes,
          Object.values(nodes)
            .filter((n) => n.phase === 'Succeeded' && matches(n, conditions))
            .map((n) => n.id),
        )
      : new Set<string>();
  const byName = new Map(Object.values(nodes).map((n) => [n.name, n]));
  const replay: Record<string, NodeStatus> = {};
  for (const node of Object.values(nodes)) {
    if (node.type === 'Pod' && node.phase === 'Succeeded' && !restarted.has(node.id))
      replay[replayKey(node.name, (name) => byName.get(name))] = node;
  }
  return { state: restartWorkflowState(previous), replay };
}

/** The exit of a pod as it ended in the run being retried. */
export function replayedExit(nodeId: string, previous: NodeStatus, now: number): PodExit {
  const outputs = previous.outputs ?? {};
  const startedAt = previous.startedAt === null ? now : Date.parse(previous.startedAt);
  const finishedAt = previous.finishedAt === null ? now : Date.parse(previous.finishedAt);
  return {
    nodeId,
    exitCode: outputs.exitCode === undefined ? 0 : Number(outputs.exitCode),
    ...(outputs.result === undefined ? {} : { result: outputs.result }),
    ...(outputs.parameters === undefined
      ? {}
      : {
          parameters: outputs.parameters.map((p) => ({
            name: p.name,
            ...(p.value === undefined ? {} : { value: p.value }),
          })),
        }),
    ...(outputs.artifacts === undefined
      ? {}
      : {
          artifacts: outputs.artifacts.map((a) => ({
            name: a.name,
            ...(a.key === undefined ? {} : { key: a.key }),
            ...(a.path === undefined ? {} : { path: a.path }),
          })),
        }),
    startedAt,
    finishedAt,
  };
}
