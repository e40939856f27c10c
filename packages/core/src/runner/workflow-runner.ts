import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { EngineAction, EngineEvent, PodExit, RunPodAction } from '../engine/contract';
import { type CreateWorkflowInput, createWorkflowState } from '../engine/create-state';
import type { EngineState } from '../engine/model';
import { stepInPlace } from '../engine/step';
import type { Executor, PodHandle } from '../executor/executor';
import type { Store } from '../store/store';
import { LogBuffer } from './log-buffer';

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

const FINISHED = new Set(['Succeeded', 'Failed', 'Error']);

interface Live {
  state: EngineState;
  readonly queue: EngineEvent[];
  draining: boolean;
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
   * Picks up workflows left running by a previous process: their pods are gone with it, so each is reported
   * as exited with an error (the engine retries them by their retryStrategy); timers are started again.
   */
  async resumeAll(): Promise<string[]> {
    const records = await this.options.store.listWorkflows({ phase: ['Pending', 'Running'] });
    const resumed: string[] = [];
    for (const record of records) {
      if (this.#live.has(record.name)) continue;
      const state = record.engineState as EngineState;
      const live = this.#track(record.name, state);
      const at = this.#now();
      for (const [nodeId, node] of Object.entries(state.status.nodes ?? {})) {
        if (
          node.type === 'Pod' &&
          (node.phase === 'Running' || node.phase === 'Pending') &&
          state.exec[nodeId]
        ) {
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
        }
      }
      for (const [id, timer] of Object.entries(state.timers)) this.#startTimer(record.name, id, timer.at);
      resumed.push(record.name);
      void this.#drain(record.name);
    }
    return resumed;
  }

  /** Sends an event (resume, suspend, stop, terminate) to a running workflow. */
  signal(name: string, event: EngineEvent): void {
    const live = this.#live.get(name);
    if (!live) throw new Error(`workflow ${name} is not running in this process`);
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
    if (!live || live.draining) return;
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
        for (const action of actions) await this.#act(name, live, action);
      }
    } finally {
      live.draining = false;
    }
    if (FINISHED.has(live.state.status.phase ?? '') && live.pods.size === 0) {
      for (const timer of live.timers.values()) clearTimeout(timer);
      this.#live.delete(name);
      await this.#logs.flush();
      live.finish();
    }
  }

  async #act(name: string, live: Live, action: EngineAction): Promise<void> {
    switch (action.type) {
      case 'run-pod': {
        const resolved: RunPodAction = {
          ...action,
          volumes: action.volumes.map((v) => ({ ...v, hostPath: this.#volumePath(v.hostPath) })),
        };
        await Promise.all(
          resolved.volumes
            .filter((v) => !isAbsolute(action.volumes.find((o) => o.name === v.name)?.hostPath ?? '/'))
            .map((v) => mkdir(v.hostPath, { recursive: true })),
        );
        const handle = await this.options.executor.run(resolved, {
          onStarted: (nodeId, at) => this.#push(name, { type: 'pod-started', nodeId, at }),
          onLog: (nodeId, stream, text, at) =>
            this.#logs.add({ workflow: name, nodeId, stream, text: this.#redact(text), at }),
          onExit: (exit: PodExit) => {
            live.pods.delete(exit.nodeId);
            const redacted =
              exit.result === undefined ? exit : { ...exit, result: this.#redact(exit.result) };
            this.#push(name, { type: 'pod-exited', exit: redacted, at: exit.finishedAt });
          },
        });
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
