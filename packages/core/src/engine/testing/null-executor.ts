// A driver that runs a workflow to completion on fake time with a "null executor": each run-pod action is
// answered by a script (by template name or a function) or by interpreting simple shell one-liners.
import type { Template } from '../../spec/model';
import type { ArtifactValue, EngineAction, EngineEvent, PodExit, RunPodAction } from '../contract';
import type { EngineState } from '../model';
import { step, stepInPlace } from '../step';
import { runShell } from './shell';

/** How a scripted pod behaves; fields left out come from interpreting its command. */
export interface PodBehaviour {
  readonly exitCode?: number;
  /** Standard output (trailing newline trimmed), kept as `outputs.result` when the engine wants it. */
  readonly result?: string;
  /** Output parameters by name (as read from their `valueFrom.path`). */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly artifacts?: readonly ArtifactValue[];
  /** A system failure (the node becomes Error). */
  readonly error?: string;
  /** How long the pod runs once started (default: the driver's `podDurationMs`). */
  readonly durationMs?: number;
  /** Never exits by itself (daemons, or pods killed by a deadline). */
  readonly runsForever?: boolean;
  /** Per-container exits of a containerSet pod. */
  readonly containers?: PodExit['containers'];
}

/** What a script is told about the pod it answers. */
export interface PodCall {
  readonly action: RunPodAction;
  readonly template: Template;
  /** The node's name (`wf[0].step(1:x)(2)`). */
  readonly nodeName: string;
  /** The retry attempt, from a trailing `(n)` in the node name (0 otherwise). */
  readonly attempt: number;
  /** Input parameter values by name. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The fake time at which the pod starts. */
  readonly now: number;
}

/** Answers pods: by template name, or one function for all (returning undefined falls back to interpreting). */
export type PodScript =
  | ((call: PodCall) => PodBehaviour | undefined)
  | Readonly<Record<string, PodBehaviour | ((call: PodCall) => PodBehaviour)>>;

/** Options of `runWorkflow`. */
export interface RunOptions {
  readonly script?: PodScript;
  /** Fake time of the `start` event (default 2024-01-01T00:00:00Z). */
  readonly startAt?: number;
  /** How long pods run (default 1000 ms). */
  readonly podDurationMs?: number;
  /** Serialise the state to JSON and back between every step (checks it is self-contained). */
  readonly roundTrip?: boolean;
  /** Use the copying `step` instead of `stepInPlace`. */
  readonly pure?: boolean;
  /** Stop after this many events (default 1,000,000). */
  readonly maxEvents?: number;
  /** Events to inject at given times (resume, stop, suspend…). */
  readonly events?: readonly EngineEvent[];
  /** Called after every step; may return events to feed next (at the current time). */
  readonly react?: (view: { readonly state: EngineState; readonly now: number }) => EngineEvent[] | undefined;
  /** Record every event and action (for determinism checks); off by default to keep benchmarks lean. */
  readonly record?: boolean;
}

/** The final state and, when recorded, everything that happened. */
export interface RunResult {
  readonly state: EngineState;
  readonly now: number;
  readonly events: EngineEvent[];
  readonly actions: EngineAction[];
  /** Every run-pod action, in order. */
  readonly pods: RunPodAction[];
  readonly steps: number;
}

/** Default start time of a run: 2024-01-01T00:00:00Z. */
export const DEFAULT_START = Date.UTC(2024, 0, 1);

interface Queued {
  readonly at: number;
  readonly seq: number;
  readonly event: EngineEvent;
}

/** A binary min-heap by (at, seq). */
class EventQueue {
  private readonly heap: Queued[] = [];
  private seq = 0;

  push(event: EngineEvent): void {
    const item: Queued = { at: event.at, seq: this.seq++, event };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent] as Queued)) break;
      heap[i] = heap[parent] as Queued;
      i = parent;
    }
    heap[i] = item;
  }

  pop(): Queued | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as Queued, heap[left] as Queued) ? right : left;
      if (!before(heap[child] as Queued, last)) break;
      heap[i] = heap[child] as Queued;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  get size(): number {
    return this.heap.length;
  }
}

function before(a: Queued, b: Queued): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function inputsOf(template: Template): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of template.inputs?.parameters ?? [])
    if (param.value !== undefined) out[param.name] = param.value;
  return out;
}

/** Interpret the pod's command when no script answers it. */
function interpret(template: Template): PodBehaviour & { files: Record<string, string> } {
  const container = template.container ?? template.script;
  let script: string | undefined;
  const command = [...(container?.command ?? []), ...(container?.args ?? [])];
  if (template.script !== undefined && /(^|\/)(sh|bash|ash)$/u.test(template.script.command?.[0] ?? 'sh')) {
    script = template.script.source;
  } else if (command[0] === 'echo') {
    script = `echo ${command
      .slice(1)
      .map((w) => `'${w.replaceAll("'", '')}'`)
      .join(' ')}`;
  } else if (/(^|\/)(sh|bash|ash)$/u.test(command[0] ?? '') && command[1] === '-c') {
    script = command[2];
  }
  if (script === undefined) return { exitCode: 0, files: {} };
  const outcome = runShell(script);
  return {
    exitCode: outcome.exitCode,
    result: outcome.stdout.replace(/\n$/u, ''),
    files: outcome.files,
    ...(outcome.sleptMs > 0 ? { durationMs: outcome.sleptMs } : {}),
  };
}

function behaviourFor(script: PodScript | undefined, call: PodCall): PodBehaviour | undefined {
  if (script === undefined) return undefined;
  if (typeof script === 'function') return script(call);
  const name = call.action.template.name ?? '';
  const entry = Object.hasOwn(script, name) ? script[name] : undefined;
  return typeof entry === 'function' ? entry(call) : entry;
}

function exitFor(
  call: PodCall,
  behaviour: PodBehaviour | undefined,
  started: number,
  duration: number,
): PodExit {
  const interpreted = interpret(call.template);
  const parameters: { name: string; value?: string }[] = [];
  for (const param of call.template.outputs?.parameters ?? []) {
    const scripted = behaviour?.parameters?.[param.name];
    const path = param.valueFrom?.path;
    const file = path === undefined ? undefined : interpreted.files[path];
    const value = scripted ?? (file === undefined ? undefined : file.replace(/\n$/u, ''));
    if (value !== undefined) parameters.push({ name: param.name, value });
  }
  const artifacts =
    behaviour?.artifacts ??
    (call.template.outputs?.artifacts ?? []).map((art) => ({
      name: art.name,
      key: `${call.action.workflowName}/${call.action.podName}/${art.name}`,
      ...(art.path === undefined ? {} : { path: art.path }),
    }));
  const exitCode = behaviour?.exitCode ?? interpreted.exitCode;
  // An executor always has a standard output, if only an empty one.
  const result = behaviour?.result ?? interpreted.result ?? '';
  return {
    nodeId: call.action.nodeId,
    ...(behaviour?.error === undefined ? { exitCode } : { error: behaviour.error }),
    ...(result === undefined ? {} : { result }),
    parameters,
    artifacts,
    ...(behaviour?.containers === undefined ? {} : { containers: behaviour.containers }),
    startedAt: started,
    finishedAt: started + duration,
  };
}

function attemptOf(nodeName: string): number {
  const match = /\((\d+)\)$/u.exec(nodeName);
  return match === null ? 0 : Number(match[1]);
}

/** Run a workflow from its `start` event until nothing more can happen; returns the final state. */
export function runWorkflow(initial: EngineState, options: RunOptions = {}): RunResult {
  const queue = new EventQueue();
  const start = options.startAt ?? DEFAULT_START;
  const podDuration = options.podDurationMs ?? 1000;
  const record = options.record === true;
  const events: EngineEvent[] = [];
  const actions: EngineAction[] = [];
  const pods: RunPodAction[] = [];
  const scheduled = new Map<string, EngineEvent[]>();
  queue.push({ type: 'start', at: start });
  for (const event of options.events ?? []) queue.push(event);
  let state = initial;
  let now = start;
  let steps = 0;
  const maxEvents = options.maxEvents ?? 1_000_000;
  const apply = options.pure === true ? step : stepInPlace;

  const handle = (action: EngineAction): void => {
    if (record) actions.push(action);
    if (action.type === 'start-timer') {
      queue.push({ type: 'timer', id: action.id, at: Math.max(action.at, now) });
    } else if (action.type === 'kill-pod') {
      const pending = scheduled.get(action.nodeId);
      if (pending !== undefined)
        for (const event of pending) (event as { cancelled?: boolean }).cancelled = true;
      queue.push({
        type: 'pod-exited',
        at: now,
        exit: { nodeId: action.nodeId, exitCode: 137, startedAt: now, finishedAt: now },
      });
    } else {
      pods.push(action);
      const nodeName = state.status.nodes[action.nodeId]?.name ?? action.nodeId;
      const call: PodCall = {
        action,
        template: action.template,
        nodeName,
        attempt: attemptOf(nodeName),
        inputs: inputsOf(action.template),
        now,
      };
      const behaviour = behaviourFor(options.script, call);
      const duration = behaviour?.durationMs ?? interpret(action.template).durationMs ?? podDuration;
      const started: EngineEvent = {
        type: 'pod-started',
        nodeId: action.nodeId,
        at: now,
        podIP: '127.0.0.1',
      };
      const list: EngineEvent[] = [started];
      queue.push(started);
      if (behaviour?.runsForever !== true) {
        const exited: EngineEvent = {
          type: 'pod-exited',
          at: now + duration,
          exit: exitFor(call, behaviour, now, duration),
        };
        list.push(exited);
        queue.push(exited);
      }
      scheduled.set(action.nodeId, list);
    }
  };

  while (queue.size > 0 && steps < maxEvents) {
    const next = queue.pop() as Queued;
    if ((next.event as { cancelled?: boolean }).cancelled === true) continue;
    now = Math.max(now, next.at);
    if (record) events.push(next.event);
    const result = apply(state, next.event);
    steps++;
    state =
      options.roundTrip === true ? (JSON.parse(JSON.stringify(result.state)) as EngineState) : result.state;
    for (const action of result.actions) handle(action);
    for (const event of options.react?.({ state, now }) ?? []) queue.push(event);
    // Timers and pods still queued belong to a finished workflow; the engine would ignore them.
    if (state.status.finishedAt !== null) break;
  }
  return { state, now, events, actions, pods, steps };
}
