import type { PodExit, RunPodAction } from '../engine/contract';

/** A running pod, as its executor knows it. */
export interface PodHandle {
  readonly nodeId: string;
  /** Host process id of the sandbox (for reattaching after a restart), when there is one. */
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

/** Runs the pods of leaf nodes: locally in sandboxes, or (later) as Kubernetes pods. */
export interface Executor {
  run(action: RunPodAction, callbacks: ExecutorCallbacks): Promise<PodHandle>;
  /** Releases what the executor holds (sandboxes, caches' locks). */
  close(): Promise<void>;
}
