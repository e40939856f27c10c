import type { PodExit, RunPodAction } from '../engine/contract';

/** A running pod, as its executor knows it. */
export interface PodHandle {
  readonly nodeId: string;
  /** Host process id of the sandbox, when there is one. */
  readonly pid?: number;
  /** Stops the pod; its exit is still reported through `onExit` (as failed, with the reason). */
  kill(reason: string): Promise<void>;
}

/** How an executor reports back. Called from the executor's own callbacks, never re-entrantly. */
export interface ExecutorCallbacks {
  onStarted(nodeId: string, at: number): void;
  onLog(nodeId: string, stream: 'stdout' | 'stderr', text: string, at: number): void;
  onExit(exit: PodExit): void;
}

/** A pod that a process which stopped had running, to be picked up again. */
export interface PodReattachment {
  readonly workflowName: string;
  readonly nodeId: string;
  readonly podName: string;
  /** The pod's output already stored, in order, so that it is not delivered twice. */
  readonly logged: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
}

/** Runs the pods of leaf nodes: locally in sandboxes, or (later) as Kubernetes pods. */
export interface Executor {
  run(action: RunPodAction, callbacks: ExecutorCallbacks): Promise<PodHandle>;
  /**
   * Finds a pod started by an earlier process that is still running (or finished while no one followed it)
   * and follows it to its end as `run` would; undefined when it is gone or cannot be followed.
   */
  reattach?(pod: PodReattachment, callbacks: ExecutorCallbacks): Promise<PodHandle | undefined>;
  /** Releases what the executor holds (sandboxes, caches' locks). */
  close(): Promise<void>;
}
