import { mkdir } from 'node:fs/promises';
import type { PodExit, RunPodAction } from '../../../engine/contract';
import type { ExecutorCallbacks } from '../../executor';
import { keySegment } from '../artifacts/artifact-store';
import { collectOutputs } from '../artifacts/output-collection';
import { describeError, SandboxError } from '../errors';
import { removeTree } from '../fs/remove-tree';
import { type PlannedContainer, type PodPlan, planPod } from '../pod/container-plan';
import { ResultTail } from '../sandbox/log-stream';
import { type ContainerOutcome, runContainers } from './container-runner';
import { runHttpTemplate } from './http-template';
import { type ContainerSkip, type LoggedChunk, loggedSkips } from './logged-output';
import type { AttachablePod } from './pod-attach';
import { podContext } from './pod-context';
import type { PodRunDeps } from './pod-deps';
import { summarizeMains } from './pod-outcome';
import { discardPod, podDir, writePodRecord } from './pod-record';
import { type PreparedContainer, prepareContainer } from './prepare-container';
import { attachContainer, prefixLines, type RunningContainer, runContainer } from './run-container';

type Outcome = Omit<PodExit, 'nodeId' | 'startedAt' | 'finishedAt'>;

/** Thrown to leave the pod's flow when it is killed. */
class Killed extends Error {}

/** How a pod run begins: from scratch, or by following a pod an earlier process started. */
export type PodStart =
  | { readonly kind: 'run' }
  | { readonly kind: 'attach'; readonly pod: AttachablePod; readonly logged: readonly LoggedChunk[] };

/** Launch options of a container: its output's prefix, the result tail, and whether its root is held. */
interface LaunchAs {
  readonly tail?: ResultTail;
  readonly hold?: boolean;
  readonly unprefixed?: boolean;
  readonly skip?: ContainerSkip;
}

/** Whether outputs are read from the output container's files after it exits (its root is then held). */
function holdsOutputs(action: RunPodAction): boolean {
  const outputs = action.template.outputs;
  return Boolean(
    outputs?.parameters?.some((p) => p.valueFrom?.path) || outputs?.artifacts?.some((a) => a.path),
  );
}

/**
 * One pod: prepares its containers, runs them, collects outputs and reports its exit exactly once. Its
 * directory (named after the node, see `podDir`) records the pod before its first container starts, and
 * each container's supervisor outlives this process, so a later process can follow the pod to its end.
 */
export class PodRun {
  private killReason: string | undefined;
  private deadlineExceeded = false;
  private readonly live = new Set<RunningContainer>();
  private started = false;
  private mainStarted = false;
  private readonly killedSignal: Promise<never>;
  private rejectKilled: (error: Killed) => void = () => {};
  private readonly dir: string;
  /** Settles once the exit has been reported and the pod's directory deleted. */
  readonly finished: Promise<void>;

  constructor(
    private readonly action: RunPodAction,
    private readonly callbacks: ExecutorCallbacks,
    private readonly deps: PodRunDeps,
    start: PodStart = { kind: 'run' },
  ) {
    this.killedSignal = new Promise<never>((_, reject) => {
      this.rejectKilled = reject;
    });
    this.killedSignal.catch(() => {});
    this.dir = podDir(deps.workDir, action.workflowName, action.nodeId);
    // Deferred so that no callback can run before the executor has handed out the pod's handle.
    this.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      start.kind === 'run'
        ? this.runToExit(this.deps.now(), () => this.execute())
        : this.runToExit(start.pod.record.startedAt, () => this.follow(start.pod, start.logged)),
    );
  }

  /** The host pid of a container still running (its supervisor), if any. */
  get pid(): number | undefined {
    for (const container of this.live) if (container.process.pid !== undefined) return container.process.pid;
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

  private markStarted(): void {
    if (this.started) return;
    this.started = true;
    this.call(() => this.callbacks.onStarted(this.action.nodeId, this.deps.now()));
  }

  private async runToExit(startedAt: number, body: () => Promise<Outcome>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await body();
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
    if (!this.deps.keepPodDirs) await removeTree(this.dir).catch(() => {});
  }

  /** Tracks a container (launched or found again) so that `kill` reaches it. */
  private track(plan: PlannedContainer, start: (name: string | undefined) => RunningContainer, as: LaunchAs) {
    if (this.killReason !== undefined) throw new Killed(this.killReason);
    // Only a pod's single main container speaks unprefixed; the others' lines are tagged with their name.
    const running = start(as.unprefixed ? undefined : plan.name);
    this.live.add(running);
    this.markStarted();
    if (plan.role === 'main') this.mainStarted = true;
    return running;
  }

  /** Launches a prepared container and tracks it. */
  private launch(prepared: PreparedContainer, as: LaunchAs = {}): RunningContainer {
    return this.track(
      prepared.plan,
      (name) =>
        runContainer(prepared, this.deps.tools, this.deps.launcher, {
          log: (stream, text) => this.log(name, stream, text),
          ...(as.tail ? { tail: as.tail } : {}),
          hold: as.hold ?? false,
        }),
      as,
    );
  }

  private async execute(): Promise<Outcome> {
    const template = this.action.template;
    if (template.http) {
      this.markStarted();
      return this.guard(runHttpTemplate(template.http, this.deps.secrets, this.killedSignal));
    }
    const plan = planPod(template);
    // A directory left by an earlier run of this node (a retried workflow, a process that died) goes first.
    if ((await mkdir(this.dir, { recursive: true })) === undefined) {
      await discardPod(this.dir, false);
      await mkdir(this.dir, { recursive: true });
    }
    const ctx = await podContext(this.action, this.deps, this.dir, (p) => this.guard(p));
    const all = [...plan.init, ...plan.sidecars, ...plan.main];
    const prepared = await this.guard(Promise.all(all.map((c, i) => prepareContainer(c, i, ctx))));
    const hold = holdsOutputs(this.action);
    // Written while the first container starts: a process that dies in between leaves a pod that is not
    // picked up again, only discarded (its sandboxes are still found and killed).
    const recorded = writePodRecord(this.dir, {
      version: 1,
      bootId: await this.deps.bootId(),
      startedAt: this.deps.now(),
      action: this.action,
      containers: prepared.map((p) => ({
        name: p.plan.name,
        dir: p.dir,
        root: p.root,
        mounts: p.mounts,
        hold: hold && p.plan.name === plan.outputs,
      })),
    });
    recorded.catch(() => {});
    const of = (plans: readonly PlannedContainer[]) => prepared.filter((p) => plans.includes(p.plan));
    for (const init of of(plan.init)) {
      const result = await this.guard(this.launch(init).finished);
      if (!result.started) throw new SandboxError(`init container \`${init.plan.name}\`: ${result.error}`);
      if (result.exitCode !== 0) return { exitCode: result.exitCode };
    }
    const sidecars = of(plan.sidecars).map((p) => this.launch(p));
    const tail = new ResultTail();
    const mains = await this.guard(
      runContainers(of(plan.main), (p) =>
        this.launch(p, {
          unprefixed: plan.main.length === 1,
          ...(p.plan.name === plan.outputs ? { tail, hold } : {}),
        }),
      ),
    );
    await recorded;
    return this.conclude(plan, sidecars, mains, tail);
  }

  /** Follows a pod an earlier process started: its containers' remaining output, its end, its outputs. */
  private async follow(pod: AttachablePod, logged: readonly LoggedChunk[]): Promise<Outcome> {
    const { plan } = pod;
    const unprefixed = plan.main.length === 1;
    const skips = loggedSkips(
      logged,
      [...pod.launched.keys()].map((name) => ({
        name,
        prefixed: !(unprefixed && plan.main[0]?.name === name),
      })),
    );
    const tail = new ResultTail();
    const running = new Map<string, RunningContainer>();
    for (const [name, found] of pod.launched) {
      const as: LaunchAs = {
        unprefixed: unprefixed && plan.main[0]?.name === name,
        ...(name === plan.outputs ? { tail, hold: found.hold } : {}),
        ...(skips.has(name) ? { skip: skips.get(name)! } : {}),
      };
      const started = this.track(
        found.prepared.plan,
        (shown) =>
          attachContainer(found.prepared, found.supervisor, {
            log: (stream, text) => this.log(shown, stream, text),
            ...(as.tail ? { tail: as.tail } : {}),
            hold: as.hold ?? false,
            ...(as.skip ? { skip: as.skip } : {}),
          }),
        as,
      );
      running.set(name, started);
    }
    // Init containers had all succeeded (the main containers were launched); their last output is delivered.
    await this.guard(Promise.all(plan.init.map((c) => running.get(c.name)?.finished)));
    const sidecars = plan.sidecars.flatMap((c) => running.get(c.name) ?? []);
    const mains = new Map<string, ContainerOutcome>();
    for (const main of plan.main) {
      const container = running.get(main.name)!;
      mains.set(main.name, { running: container, result: await this.guard(container.finished) });
    }
    return this.conclude(plan, sidecars, mains, tail);
  }

  /** Stops the sidecars, sums up the main containers and collects the outputs. */
  private async conclude(
    plan: PodPlan,
    sidecars: readonly RunningContainer[],
    mains: ReadonlyMap<string, ContainerOutcome>,
    tail: ResultTail,
  ): Promise<Outcome> {
    const template = this.action.template;
    for (const sidecar of sidecars) sidecar.process.kill();
    for (const result of await Promise.all(sidecars.map((s) => s.finished))) {
      if (!result.started) throw new SandboxError(`sidecar: ${result.error}`);
    }
    const { exitCode, containers } = summarizeMains(mains, plan.outputs);
    const set = template.containerSet ? { containers } : {};
    const output = mains.get(plan.outputs)?.running;
    if (!output || exitCode === undefined) return { ...(exitCode === undefined ? {} : { exitCode }), ...set };
    const collected = await collectOutputs(
      template.outputs,
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
