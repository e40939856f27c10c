// The working context of one `step`: the state being updated, the event's time, the actions to return and the
// queue of node-to-controller notifications (processed iteratively, so deep trees never recurse deeply).
import type { EngineAction } from './contract';
import { nodeIdOf } from './ids';
import type { EngineState, ExecRecord, NodeStatus, Notification } from './model';

/** What one step is working on. */
export class Ctx {
  readonly actions: EngineAction[] = [];
  private readonly queue: Notification[] = [];
  private head = 0;
  /** A pod or child left Pending/Running: starts held back by parallelism may proceed. */
  capacityFreed = false;
  /** Steps/DAG nodes whose template-level failFast stops them (a child failed and none is running). */
  readonly failFast: string[] = [];
  /** Nodes that were waiting for a lock and now hold it, to continue in order. */
  readonly woken: string[] = [];

  constructor(
    readonly state: EngineState,
    readonly now: number,
  ) {}

  /** The workflow's name. */
  get wf(): string {
    return this.state.meta.name;
  }

  /** Node id of a node name. */
  id(name: string): string {
    return nodeIdOf(this.state.meta.name, name);
  }

  /** The node with this id; throws when it does not exist (an engine bug). */
  node(id: string): NodeStatus {
    const node = this.state.status.nodes[id];
    if (node === undefined) throw new Error(`engine bug: node ${id} does not exist`);
    return node;
  }

  /** The node with this id, if any. */
  maybeNode(id: string): NodeStatus | undefined {
    return this.state.status.nodes[id];
  }

  /** The bookkeeping of a node; throws when it has none (an engine bug). */
  exec(id: string): ExecRecord {
    const exec = this.state.exec[id];
    if (exec === undefined) throw new Error(`engine bug: node ${id} has no engine record`);
    return exec;
  }

  /** Ask the outside world to do something. */
  emit(action: EngineAction): void {
    this.actions.push(action);
  }

  /** Queue a notification for the node's controller. */
  notify(notification: Notification): void {
    this.queue.push(notification);
  }

  private readonly work: (() => void)[] = [];
  private working = false;

  /**
   * Run `task` now, or after the task already running when called from inside one: chains of decisions
   * (a failure omitting a long line of tasks) then loop instead of recursing.
   */
  serial(task: () => void): void {
    this.work.push(task);
    if (this.working) return;
    this.working = true;
    try {
      for (let i = 0; i < this.work.length; i++) (this.work[i] as () => void)();
    } finally {
      this.work.length = 0;
      this.working = false;
    }
  }

  /** Whether notifications are waiting. */
  hasPending(): boolean {
    return this.head < this.queue.length;
  }

  /** Take the next queued notification. */
  next(): Notification | undefined {
    if (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      return undefined;
    }
    const item = this.queue[this.head];
    this.head++;
    return item;
  }
}
