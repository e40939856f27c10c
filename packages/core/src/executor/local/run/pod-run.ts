import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PodExit, RunPodAction } from '../../../engine/contract';
import type { ExecutorCallbacks } from '../../executor';
import { keySegment } from '../artifacts/artifact-store';
import { collectOutputs } from '../artifacts/output-collection';
import { describeError, SandboxError } from '../errors';
import { removeTree } from '../fs/remove-tree';
import { type PlannedContainer, planPod } from '../pod/container-plan';
import { ResultTail } from '../sandbox/log-stream';
import { runContainers } from './container-runner';
import { runHttpTemplate } from './http-template';
import { podContext } from './pod-context';
import type { PodRunDeps } from './pod-deps';
import { summarizeMains } from './pod-outcome';
import { type PreparedContainer, prepareContainer } from './prepare-container';
import { prefixLines, type RunningContainer, runContainer } from './run-container';

type Outcome = Omit<PodExit, 'nodeId' | 'startedAt' | 'finishedAt'>;

/** Thrown to leave the pod's flow when it is killed. */
class Killed extends Error {}

/** One pod: prepares its containers, runs them, collects outputs and reports its exit exactly once. */
export class PodRun {
  private killReason: string | undefined;
  private deadlineExceeded = false;
  private readonly live = new Set<RunningContainer>();
  private started = false;
  private mainStarted = false;
  private readonly killedSignal: Promise<never>;
  private rejectKilled: (error: Killed) => void = () => {};
  /** Settles once the exit has been reported and the pod's directory deleted. */
  readonly finished: Promise<void>;

  constructor(
    private readonly action: RunPodAction,
    private readonly callbacks: ExecutorCallbacks,
    private readonly deps: PodRunDeps,
  ) {
    this.killedSignal = new Promise<never>((_, reject) => {
      this.rejectKilled = reject;
    });
    this.killedSignal.catch(() => {});
    // Deferred so that no callback can run before `run()` has handed out the pod's handle.
    this.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.runToExit());
  }

  /** The host pid of a container still running (for reattaching), if any. */
  get pid(): number | undefined {
    for (const container of this.live) return container.process.pid;
    return undefined;
  }

  /** Stops the pod: its processes are killed now and its exit reports `reason` (or that its deadline passed). */
  kill(reason: string, deadline = false): void {
    if (this.killReason !== undefined) return;
    this.killReason = reason;
    this.deadlineExceeded = deadline;
    for (const container of this.live) container.process.kill();
    this.rejectKilled(new Killed(reason));
  }

  /** Awaits `promise` unless the pod is killed first. */
  private guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.killedSignal]);
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch {
      // A throwing callback must not break the pod's bookkeeping; the executor has nowhere to report it.
    }
  }

  private log(name: string | undefined, stream: 'stdout' | 'stderr', text: string): void {
    const shown = name === undefined ? text : prefixLines(`[${name}] `, text);
    this.call(() => this.callbacks.onLog(this.action.nodeId, stream, shown, this.deps.now()));
  }

  private async runToExit(): Promise<void> {
    const startedAt = this.deps.now();
    const dir = join(
      this.deps.workDir,
      'pods',
      `${keySegment(this.action.podName)}-${randomUUID().slice(0, 8)}`,
    );
    let outcome: Outcome;
    try {
      outcome = await this.execute(dir);
    } catch (error) {
      outcome = error instanceof Killed ? {} : { error: describeError(error) };
    }
    for (const container of this.live) container.process.kill();
    await Promise.all([...this.live].map((c) => c.process.release()));
    if (this.killReason !== undefined) {
      // A deadline is the step's failure (node Failed); any other kill is reported with its reason.
      const why = this.deadlineExceeded ? { deadlineExceeded: true } : { error: this.killReason };
      outcome = { ...(this.mainStarted ? { exitCode: 137 } : {}), ...why };
    }
    const exit: PodExit = { nodeId: this.action.nodeId, ...outcome, startedAt, finishedAt: this.deps.now() };
    this.call(() => this.callbacks.onExit(exit));
    // After the exit is reported: deleting the pod's writable layers is not the step's time.
    if (!this.deps.keepPodDirs) await removeTree(dir).catch(() => {});
  }

  /** Launches a prepared container and tracks it so that `kill` reaches it. */
  private launch(
    prepared: PreparedContainer,
    options: { tail?: ResultTail; hold?: boolean; unprefixed?: boolean } = {},
  ): RunningContainer {
    if (this.killReason !== undefined) throw new Killed(this.killReason);
    const { plan } = prepared;
    // Only a pod's single main container speaks unprefixed; the others' lines are tagged with their name.
    const name = options.unprefixed ? undefined : plan.name;
    const running = runContainer(prepared, this.deps.tools, {
      log: (stream, text) => this.log(name, stream, text),
      ...(options.tail ? { tail: options.tail } : {}),
      hold: options.hold ?? false,
    });
    this.live.add(running);
    if (!this.started) {
      this.started = true;
      this.call(() => this.callbacks.onStarted(this.action.nodeId, this.deps.now()));
    }
    if (plan.role === 'main') this.mainStarted = true;
    return running;
  }

  private async execute(dir: string): Promise<Outcome> {
    const template = this.action.template;
    if (template.http) {
      this.started = true;
      this.call(() => this.callbacks.onStarted(this.action.nodeId, this.deps.now()));
      return this.guard(runHttpTemplate(template.http, this.deps.secrets, this.killedSignal));
    }
    const plan = planPod(template);
    await mkdir(dir, { recursive: true });
    const ctx = await podContext(this.action, this.deps, dir, (p) => this.guard(p));
    const all = [...plan.init, ...plan.sidecars, ...plan.main];
    const prepared = await this.guard(Promise.all(all.map((c, i) => prepareContainer(c, i, ctx))));
    const of = (plans: readonly PlannedContainer[]) => prepared.filter((p) => plans.includes(p.plan));
    for (const init of of(plan.init)) {
      const result = await this.guard(this.launch(init).finished);
      if (!result.started) throw new SandboxError(`init container \`${init.plan.name}\`: ${result.error}`);
      if (result.exitCode !== 0) return { exitCode: result.exitCode };
    }
    const sidecars = of(plan.sidecars).map((p) => this.launch(p));
    const tail = new ResultTail();
    const outputs = template.outputs;
    const hold = Boolean(
      outputs?.parameters?.some((p) => p.valueFrom?.path) || outputs?.artifacts?.some((a) => a.path),
    );
    const mains = await this.guard(
      runContainers(of(plan.main), (p) =>
        this.launch(p, {
          unprefixed: plan.main.length === 1,
          ...(p.plan.name === plan.outputs ? { tail, hold } : {}),
        }),
      ),
    );
    for (const sidecar of sidecars) sidecar.process.kill();
    for (const result of await Promise.all(sidecars.map((s) => s.finished))) {
      if (!result.started) throw new SandboxError(`sidecar: ${result.error}`);
    }
    const { exitCode, containers } = summarizeMains(mains, plan.outputs);
    const set = template.containerSet ? { containers } : {};
    const output = mains.get(plan.outputs)?.running;
    if (!output || exitCode === undefined) return { ...(exitCode === undefined ? {} : { exitCode }), ...set };
    const collected = await collectOutputs(
      outputs,
      output.process.rootView,
      output.prepared.mounts,
      this.deps.artifacts,
      `${keySegment(this.action.workflowName)}/${keySegment(this.action.nodeId)}`,
      exitCode === 0,
    );
    return {
      exitCode,
      result: tail.result(),
      parameters: collected.parameters,
      artifacts: collected.artifacts,
      ...(collected.error ? { error: collected.error } : {}),
      ...set,
    };
  }
}
