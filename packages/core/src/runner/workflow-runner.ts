import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { EngineAction, EngineEvent, PodExit, RunPodAction } from '../engine/contract';
import { type CreateWorkflowInput, createWorkflowState } from '../engine/create-state';
import { nodeIdOf } from '../engine/ids';
import type { EngineState, WorkflowStatusJson } from '../engine/model';
import { stepInPlace } from '../engine/step';
import type { Executor, ExecutorCallbacks, PodHandle } from '../executor/executor';
import type { LogEntry, Store, WorkflowRecord } from '../store/store';
import { WorkflowStateError } from './errors';
import { LogBuffer } from './log-buffer';
import { planRetry, type RetryOptions, replayedExit, replayKey } from './retry-plan';

/** What a runner needs: where state lives, what runs pods, and where volumes go. */
export interface WorkflowRunnerOptions {
  readonly store: Store;
  readonly executor: Executor;
  /** Directory holding workflow volumes (`<dir>/pvc/<claim>`); relative volume paths resolve under it. */
  readonly volumesDir: string;
  /** Hides secret values in logs and results before they are stored (e.g. every value of the secret store). */
  readonly redact?: (text: string) => string;
  readonly now?: () => number;
}

/** The workflow phases a run ends in. */
export const FINISHED_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error']);

/** Callbacks for what happens to the workflows a runner drives (`--watch`, `logs -f`, control clients). */
export interface RunnerObserver {
  /** After each transition is persisted. */
  readonly onUpdate?: (name: string, status: WorkflowStatusJson) => void;
  /** Each chunk of a node's output, already redacted. */
  readonly onLog?: (entry: Omit<LogEntry, 'seq'>) => void;
  /** Once the workflow has finished and its logs are stored. */
  readonly onFinished?: (name: string, status: WorkflowStatusJson) => void;
}

/** Which stored workflows `resumeAll` may take over. */
export interface ResumeOptions {
  /** Takes ownership of a workflow left running; false when another live process still owns it. */
  readonly claim?: (name: string) => boolean | Promise<boolean>;
}

interface Live {
  state: EngineState;
  readonly queue: EngineEvent[];
  draining: boolean;
  /** Set while the pods of a resumed workflow are being reattached: events wait until all are known. */
  adopting: boolean;
  readonly pods: Map<string, PodHandle>;
  readonly timers: Map<string, NodeJS.Timeout>;
  readonly done: Promise<void>;
  finish: () => void;
}

/**
 * Drives workflows: feeds events to the engine one at a time, persists every transition in the store before
 * acting on it, runs the actions (pods, kills, timers) and turns what comes back into events. Event driven:
 * a pod's exit wakes its dependants at once.
 */
export class WorkflowRunner {
  readonly #live = new Map<string, Live>();
  readonly #observers = new Set<RunnerObserver>();
  readonly #logs: LogBuffer;
  readonly #now: () => number;

  constructor(private readonly options: WorkflowRunnerOptions) {
    this.#now = options.now ?? Date.now;
    this.#logs = new LogBuffer(options.store);
  }

  /** Creates a workflow from its manifest and starts it; resolves with its name once it is stored. */
  async submit(input: CreateWorkflowInput & { name: string; uid: string }): Promise<string> {
    const created = this.#now();
    const state = createWorkflowState({ ...input, creationTimestamp: created });
    await this.options.store.createWorkflow({
      name: input.name,
      namespace: input.namespace ?? 'default',
      uid: input.uid,
      manifest: input.workflow,
      status: state.status,
      engineState: state,
      phase: state.status.phase ?? 'Pending',
      createdAt: created,
      updatedAt: created,
    });
    this.#track(input.name, state).queue.push({ type: 'start', at: created });
    void this.#drain(input.name);
    return input.name;
  }

  /**
   * Picks up workflows left running by a previous process: each pod it had running is reattached when the
   * executor finds it still alive (or finished while no one followed it); the others are reported as exited
   * with an error (the engine retries them by their retryStrategy). Timers are started again.
   * With `claim`, only the workflows it grants are taken (the others belong to live processes).
   */
  async resumeAll(options: ResumeOptions = {}): Promise<string[]> {
    const records = await this.options.store.listWorkflows({ phase: ['Pending', 'Running'] });
    const resumed: string[] = [];
    for (const record of records) {
      if (this.#live.has(record.name)) continue;
      if (options.claim !== undefined && !(await options.claim(record.name))) continue;
      await this.#adopt(record);
      resumed.push(record.name);
    }
    return resumed;
  }

  /**
   * Resumes one stored workflow left running by a process that is gone (the caller owns it now). `first` is handled
   * before anything else, so a stop or terminate does not start the retries of the pods that were lost.
   */
  async resume(name: string, first?: EngineEvent): Promise<void> {
    if (this.#live.has(name)) return;
    const record = await this.#record(name);
    if (FINISHED_PHASES.has(record.phase))
      throw new WorkflowStateError(name, `workflow \`${name}\` has already finished (${record.phase})`);
    await this.#adopt(record, first);
  }

  /**
   * Runs a finished workflow again under its name, its volumes and artifacts kept: pods that succeeded are replayed,
   * the failed ones (and the selected succeeded ones) run again.
   */
  async retry(name: string, options: RetryOptions = {}): Promise<void> {
    const record = await this.#record(name);
    if (this.#live.has(name) || !FINISHED_PHASES.has(record.phase))
      throw new WorkflowStateError(
        name,
        `workflow \`${name}\` is ${record.phase}: only a finished workflow can be retried (stop or wait for it first)`,
      );
    if (record.phase === 'Succeeded' && options.restartSuccessful !== true)
      throw new WorkflowStateError(
        name,
        `workflow \`${name}\` succeeded: nothing to retry (give --restart-successful and --node-field-selector to re-run nodes)`,
      );
    const { state, replay } = planRetry(record.engineState as EngineState, options);
    state.replay = replay;
    const at = this.#now();
    await this.options.store.saveWorkflow(name, {
      status: state.status,
      engineState: state,
      phase: state.status.phase,
      updatedAt: at,
    });
    this.#track(name, state).queue.push({ type: 'start', at });
    void this.#drain(name);
  }

  /** Registers callbacks for every workflow of this runner; returns the function that removes them. */
  observe(observer: RunnerObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Whether this runner is driving the workflow now. */
  isRunning(name: string): boolean {
    return this.#live.has(name);
  }

  async #record(name: string): Promise<WorkflowRecord> {
    const record = await this.options.store.getWorkflow(name);
    if (record === undefined)
      throw new WorkflowStateError(name, `no workflow named \`${name}\`; \`slipway list\` shows them`);
    return record;
  }

  async #adopt(record: WorkflowRecord, first?: EngineEvent): Promise<void> {
    const state = record.engineState as EngineState;
    const live = this.#track(record.name, state);
    if (first !== undefined) live.queue.push(first);
    live.adopting = true;
    const lost = Object.entries(state.status.nodes ?? {}).filter(
      ([nodeId, node]) =>
        node.type === 'Pod' && (node.phase === 'Running' || node.phase === 'Pending') && state.exec[nodeId],
    );
    const reattached = await Promise.all(
      lost.map(([nodeId]) => this.#reattach(record.name, live, nodeId).catch(() => false)),
    );
    const at = this.#now();
    lost.forEach(([nodeId], index) => {
      if (reattached[index]) return;
      live.queue.push({
        type: 'pod-exited',
        at,
        exit: {
          nodeId,
          error: 'the process running this step stopped (slipway was restarted)',
          startedAt: at,
          finishedAt: at,
        },
      });
    });
    for (const [id, timer] of Object.entries(state.timers)) this.#startTimer(record.name, id, timer.at);
    live.adopting = false;
    void this.#drain(record.name);
  }

  /** Asks the executor to pick up a pod the previous process had running; whether it did. */
  async #reattach(name: string, live: Live, nodeId: string): Promise<boolean> {
    const podName = live.state.exec[nodeId]?.pod?.podName;
    if (this.options.executor.reattach === undefined || podName === undefined) return false;
    // What was stored of its output is not delivered again (what the previous process had not flushed is).
    const logged = (await this.options.store.readLogs(name, { nodeId })).map(({ stream, text }) => ({
      stream,
      text,
    }));
    const handle = await this.options.executor.reattach(
      { workflowName: name, nodeId, podName, logged },
      this.#callbacks(name, live),
    );
    if (handle === undefined) return false;
    live.pods.set(nodeId, handle);
    return true;
  }

  /** Sends an event (resume, suspend, stop, terminate) to a running workflow. */
  signal(name: string, event: EngineEvent): void {
    const live = this.#live.get(name);
    if (!live) throw new WorkflowStateError(name, `workflow \`${name}\` is not running in this process`);
    live.queue.push(event);
    void this.#drain(name);
  }

  /** Resolves when the workflow has finished (or at once if it is not running here). */
  async wait(name: string): Promise<void> {
    await this.#live.get(name)?.done;
  }

  /** Waits for every workflow of this process, then flushes logs. */
  async idle(): Promise<void> {
    await Promise.all([...this.#live.values()].map((live) => live.done));
    await this.#logs.flush();
  }

  #track(name: string, state: EngineState): Live {
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const live: Live = {
      state,
      queue: [],
      draining: false,
      adopting: false,
      pods: new Map(),
      timers: new Map(),
      done,
      finish,
    };
    this.#live.set(name, live);
    return live;
  }

  async #drain(name: string): Promise<void> {
    const live = this.#live.get(name);
    if (!live || live.draining || live.adopting) return;
    live.draining = true;
    try {
      while (live.queue.length > 0) {
        const event = live.queue.shift()!;
        // In place: this state object is the runner's alone, and the store keeps the copy that matters.
        const { state, actions } = stepInPlace(live.state, event);
        live.state = state;
        // Persisted before any action is taken, so a crash never loses a transition that was acted on.
        await this.options.store.saveWorkflow(name, {
          status: state.status,
          engineState: state,
          phase: state.status.phase ?? 'Pending',
          updatedAt: this.#now(),
        });
        for (const observer of this.#observers) observer.onUpdate?.(name, state.status);
        for (const action of actions) await this.#act(name, live, action);
      }
    } finally {
      live.draining = false;
    }
    if (FINISHED_PHASES.has(live.state.status.phase ?? '') && live.pods.size === 0) {
      for (const timer of live.timers.values()) clearTimeout(timer);
      this.#live.delete(name);
      await this.#logs.flush();
      for (const observer of this.#observers) observer.onFinished?.(name, live.state.status);
      live.finish();
    }
  }

  async #act(name: string, live: Live, action: EngineAction): Promise<void> {
    switch (action.type) {
      case 'run-pod': {
        const replayed = this.#replayed(live.state, action.nodeId);
        if (replayed !== undefined) {
          this.#push(name, { type: 'pod-exited', exit: replayed, at: replayed.finishedAt });
          return;
        }
        const resolved: RunPodAction = {
          ...action,
          volumes: action.volumes.map((v) => ({ ...v, hostPath: this.#volumePath(v.hostPath) })),
        };
        await Promise.all(
          resolved.volumes
            .filter((v) => !isAbsolute(action.volumes.find((o) => o.name === v.name)?.hostPath ?? '/'))
            .map((v) => mkdir(v.hostPath, { recursive: true })),
        );
        const handle = await this.options.executor.run(resolved, this.#callbacks(name, live));
        live.pods.set(action.nodeId, handle);
        return;
      }
      case 'kill-pod':
        await live.pods.get(action.nodeId)?.kill(action.reason);
        return;
      case 'start-timer':
        this.#startTimer(name, action.id, action.at);
        return;
    }
  }

  /** How the executor reports on the pods of a workflow. */
  #callbacks(name: string, live: Live): ExecutorCallbacks {
    return {
      onStarted: (nodeId, at) => this.#push(name, { type: 'pod-started', nodeId, at }),
      onLog: (nodeId, stream, text, at) => {
        const entry = { workflow: name, nodeId, stream, text: this.#redact(text), at };
        this.#logs.add(entry);
        for (const observer of this.#observers) observer.onLog?.(entry);
      },
      onExit: (exit: PodExit) => {
        live.pods.delete(exit.nodeId);
        const redacted = exit.result === undefined ? exit : { ...exit, result: this.#redact(exit.result) };
        this.#push(name, { type: 'pod-exited', exit: redacted, at: exit.finishedAt });
      },
    };
  }

  /** A retried run's pod that succeeded last time: its outcome, to replay instead of running it. */
  #replayed(state: EngineState, nodeId: string): PodExit | undefined {
    const nodes = state.status.nodes;
    const node = nodes[nodeId];
    if (state.replay === undefined || node === undefined) return undefined;
    // Node ids are derived from node names, so the Retry parent is found without scanning the nodes.
    const previous = state.replay[replayKey(node.name, (name) => nodes[nodeIdOf(state.meta.name, name)])];
    return previous === undefined ? undefined : replayedExit(nodeId, previous, this.#now());
  }

  #redact(text: string): string {
    return this.options.redact ? this.options.redact(text) : text;
  }

  #volumePath(path: string): string {
    return isAbsolute(path) ? path : join(this.options.volumesDir, path);
  }

  #startTimer(name: string, id: string, at: number): void {
    const live = this.#live.get(name);
    if (!live) return;
    clearTimeout(live.timers.get(id));
    const timer = setTimeout(
      () => {
        live.timers.delete(id);
        this.#push(name, { type: 'timer', id, at: Math.max(at, this.#now()) });
      },
      Math.max(0, at - this.#now()),
    );
    live.timers.set(id, timer);
  }

  #push(name: string, event: EngineEvent): void {
    const live = this.#live.get(name);
    if (!live) return;
    live.queue.push(event);
    void this.#drain(name);
  }
}
