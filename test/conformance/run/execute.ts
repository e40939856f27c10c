// Runs one case to its end: submit, resume suspend nodes left waiting for a person, stop it at the timeout,
// and read how it ended.
import { randomUUID } from 'node:crypto';
import type { EngineState, NodeStatus } from '@slipway/core';
import type { RunCase } from './classify';
import type { Session } from './session';

/** How a case ended. */
export interface CaseOutcome {
  readonly name: string;
  /** The workflow's phase, `Timeout` when it had to be stopped, `Rejected` when it could not be submitted. */
  readonly phase: string;
  readonly message?: string;
  /** Nodes that ended Failed or Error: `name (phase): message`. */
  readonly failedNodes: string[];
  readonly seconds: number;
}

/** How long a suspend node waits before the runner resumes it, as a person would; how often it looks. */
const RESUME_AFTER_MS = 2_000;
/** When a case with `shutdown` is stopped or terminated. */
const SHUTDOWN_AFTER_MS = 3_000;
const POLL_MS = 500;
const PLACEHOLDER = 'conformance';

const usedNames = new Set<string>();

function uniqueName(run: RunCase): string {
  const meta = run.workflow.metadata;
  const base = meta?.name ?? `${meta?.generateName ?? 'workflow-'}`.replace(/-?$/, '');
  for (let n = 1; ; n++) {
    const name = meta?.name && n === 1 ? base : `${base}-c${n}`;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

function failedNodes(state: EngineState | undefined): string[] {
  return (
    Object.values(state?.status.nodes ?? {})
      .filter((n: NodeStatus) => (n.phase === 'Failed' || n.phase === 'Error') && n.type !== 'Retry')
      .filter((n) => n.type === 'Pod' || n.type === 'Suspend' || n.type === 'HTTP' || n.message)
      // The steps that failed first, then the nodes that failed because of them.
      .sort((a, b) => Number(b.type === 'Pod') - Number(a.type === 'Pod'))
      .map((n) => `${n.name} (${n.phase})${n.message ? `: ${n.message}` : ''}`)
  );
}

/** Values for every supplied output parameter a running suspend node still lacks. */
function suppliedValues(nodes: readonly NodeStatus[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const node of nodes) {
    for (const param of node.outputs?.parameters ?? []) {
      if (param.valueFrom?.supplied === undefined || param.value !== undefined) continue;
      values[param.name] = param.valueFrom.default ?? param.enum?.[0] ?? PLACEHOLDER;
    }
  }
  return values;
}

/** Submits `run` and waits until it ends or `timeoutMs` passes (then terminates it). */
export async function executeCase(session: Session, run: RunCase, timeoutMs: number): Promise<CaseOutcome> {
  const started = performance.now();
  const name = uniqueName(run);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    await session.runner.submit({
      workflow: run.workflow,
      name,
      uid: randomUUID(),
      parameters: run.parameters,
      resolveTemplateRef: session.resolveTemplateRef,
      resolveWorkflowTemplate: session.resolveWorkflowTemplate,
      configMaps: session.configMaps,
    });
  } catch (error) {
    return {
      name,
      phase: 'Rejected',
      message: (error as Error).message,
      failedNodes: [],
      seconds: seconds(),
    };
  }
  let timedOut = false;
  let shutDown = false;
  let finished = false;
  const waitingSince = new Map<string, number>();
  const done = session.runner.wait(name).then(() => {
    finished = true;
  });
  while (!finished) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
    if (finished) break;
    const elapsed = performance.now() - started;
    if (elapsed > timeoutMs && !timedOut) {
      timedOut = true;
      session.runner.signal(name, { type: 'terminate', at: Date.now(), message: 'conformance timeout' });
      continue;
    }
    if (run.shutdown && !shutDown && elapsed > SHUTDOWN_AFTER_MS) {
      shutDown = true;
      session.runner.signal(name, { type: run.shutdown, at: Date.now() });
    }
    const state = (await session.store.getWorkflow(name))?.engineState as EngineState | undefined;
    const waiting = Object.values(state?.status.nodes ?? {}).filter(
      (n) => n.type === 'Suspend' && (n.phase === 'Running' || n.phase === 'Pending'),
    );
    for (const node of waiting) if (!waitingSince.has(node.id)) waitingSince.set(node.id, elapsed);
    const due = waiting.filter((n) => elapsed - (waitingSince.get(n.id) ?? elapsed) >= RESUME_AFTER_MS);
    for (const node of due) {
      session.runner.signal(name, {
        type: 'resume',
        nodeName: node.id,
        at: Date.now(),
        parameters: suppliedValues([node]),
      });
      waitingSince.set(node.id, Number.POSITIVE_INFINITY);
    }
  }
  const record = await session.store.getWorkflow(name);
  const state = record?.engineState as EngineState | undefined;
  return {
    name,
    phase: timedOut ? 'Timeout' : (state?.status.phase ?? 'Unknown'),
    ...(state?.status.message ? { message: state.status.message } : {}),
    failedNodes: failedNodes(state),
    seconds: seconds(),
  };
}
