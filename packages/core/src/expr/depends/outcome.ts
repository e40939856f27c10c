import type { TaskResult } from './results';

/** A node phase as Argo records it; Slipway uses the same names. */
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Skipped' | 'Omitted';

/** What is known about a task another task depends on, as dag.go reads it from the workflow status. */
export interface TaskOutcome {
  /** The task node's phase; undefined while no node exists for it yet. */
  readonly phase: NodePhase | undefined;
  /** The node runs a daemon (a daemoned node counts as finished once it is past Pending). */
  readonly daemoned?: boolean;
  /**
   * For a task expanded by withItems/withParam/withSequence (an Argo TaskGroup node): the phases of its
   * children, undefined where a child's node cannot be found. Leave undefined for an ordinary task.
   */
  readonly children?: readonly (NodePhase | undefined)[];
  /** The depended-on task's own `continueOn`, which widens what its bare name accepts. */
  readonly continueOn?: { readonly failed?: boolean; readonly error?: boolean };
  /** Argo's TaskResultSynced: false while outputs of a finished pod are still being collected. */
  readonly taskResultSynced?: boolean;
  /** False while lifecycle hooks of the task are still running. */
  readonly hooksFulfilled?: boolean;
}

/** The value of every `task.Result` operand for one task outcome. */
export type TaskResultFlags = Readonly<Record<TaskResult, boolean>>;

/**
 * Argo's NodeStatus.Fulfilled plus its hook check: the node finished (with its result synced), was skipped
 * or omitted, or is a daemon that is past Pending. Only then may dependants evaluate `depends`.
 */
export function isTaskFulfilled(outcome: TaskOutcome | undefined): boolean {
  if (outcome?.phase === undefined) return false;
  if (outcome.hooksFulfilled === false) return false;
  const { phase } = outcome;
  const synced = outcome.taskResultSynced !== false;
  if (outcome.daemoned === true && phase !== 'Pending') return true;
  return synced && ['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'].includes(phase);
}

/** dag.go's TaskResults for one dependency: each flag from the node phase, the aggregates from its children. */
export function taskResultFlags(outcome: TaskOutcome): TaskResultFlags {
  const { phase, children } = outcome;
  return {
    Succeeded: phase === 'Succeeded',
    Failed: phase === 'Failed',
    Errored: phase === 'Error',
    Skipped: phase === 'Skipped',
    Omitted: phase === 'Omitted',
    Daemoned: outcome.daemoned === true && phase !== 'Pending',
    AnySucceeded: children?.some((child) => child === 'Succeeded') ?? false,
    // Errored children do not count as failed, and an empty group has not "all failed".
    AllFailed: children !== undefined && children.length > 0 && children.every((child) => child === 'Failed'),
  };
}

/**
 * A bare task name, as ancestry.go expands it: Succeeded || Skipped || Daemoned, plus Errored and Failed
 * when the depended-on task has `continueOn.error` / `continueOn.failed`.
 */
export function bareTaskAccepts(
  outcome: TaskOutcome,
  flags: TaskResultFlags = taskResultFlags(outcome),
): boolean {
  const continueOn = outcome.continueOn;
  return (
    flags.Succeeded ||
    flags.Skipped ||
    flags.Daemoned ||
    (continueOn?.error === true && flags.Errored) ||
    (continueOn?.failed === true && flags.Failed)
  );
}
