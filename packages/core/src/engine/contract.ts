// The contract between the engine (a pure state machine), the executors that run pods, and the store.
import type { Template } from '../spec/model/template';

/** Argo's node phases. */
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Skipped' | 'Failed' | 'Error' | 'Omitted';
/** Argo's workflow phases. */
export type WorkflowPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

/** One parameter value as Argo reports it in `status.nodes[].outputs` / `inputs`. */
export interface ParameterValue {
  name: string;
  value?: string;
}

/** Where an artifact produced by a node was stored (a key in the local artifact store). */
export interface ArtifactValue {
  name: string;
  /** Key of the stored artifact (a directory or file under the artifact store). */
  key?: string;
  path?: string;
}

/** Outputs of a node, as in Argo's `status.nodes[].outputs`. */
export interface NodeOutputs {
  result?: string;
  exitCode?: string;
  parameters?: ParameterValue[];
  artifacts?: ArtifactValue[];
}

/**
 * What an executor must do for a leaf node: run `template` (already substituted: no `{{…}}` left that the
 * engine could resolve) as pod `podName`. Input artifacts are given as store keys to place at their paths.
 */
export interface RunPodAction {
  readonly type: 'run-pod';
  readonly workflowName: string;
  readonly nodeId: string;
  readonly podName: string;
  readonly template: Template;
  /** Input artifacts: where each goes in the sandbox and which stored artifact (or git/raw source) fills it. */
  readonly inputArtifacts: readonly {
    name: string;
    path: string;
    key?: string;
    git?: { repo: string; revision?: string };
    raw?: string;
    /** An artifact fetched over HTTP(S) (`http.url` of the artifact). */
    http?: { url: string };
    optional?: boolean;
  }[];
  /** Volumes of the workflow (volumeClaimTemplates, volumes), resolved to host directories by the runner. */
  readonly volumes: readonly { name: string; hostPath: string; readOnly?: boolean }[];
  readonly serviceAccountName?: string;
  readonly podSpecPatch?: string;
  /** Deadline for the pod in ms since the epoch (activeDeadlineSeconds / timeout), if any. */
  readonly deadline?: number;
}

/** Kill a running pod (deadline passed, workflow stopped or terminated, failFast). */
export interface KillPodAction {
  readonly type: 'kill-pod';
  readonly nodeId: string;
  readonly reason: string;
}

/** Wake the engine at `at` (ms since epoch) with a `timer` event carrying `id`. */
export interface StartTimerAction {
  readonly type: 'start-timer';
  readonly id: string;
  readonly at: number;
}

/** Everything the engine asks the outside world to do. */
export type EngineAction = RunPodAction | KillPodAction | StartTimerAction;

/** What an executor reports when a pod ends. */
export interface PodExit {
  readonly nodeId: string;
  /** Main container exit code; undefined when the pod never ran (then `error` says why). */
  readonly exitCode?: number;
  /** Last 256 kB of stdout, trailing newline trimmed (Argo's `outputs.result`), for container/script. */
  readonly result?: string;
  /** Output parameters read from their `valueFrom.path` (absent when the file did not exist). */
  readonly parameters?: readonly ParameterValue[];
  /** Output artifacts saved into the artifact store. */
  readonly artifacts?: readonly ArtifactValue[];
  /** A failure of the system rather than of the step (image pull failed, sandbox failed): node → Error. */
  readonly error?: string;
  /** The pod was stopped because its deadline passed (activeDeadlineSeconds / timeout): node → Failed. */
  readonly deadlineExceeded?: boolean;
  /** For a containerSet pod: how each of its containers ended (their Container nodes follow these). */
  readonly containers?: readonly ContainerExit[];
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** How one container of a containerSet pod ended. */
export interface ContainerExit {
  readonly name: string;
  /** Undefined when the container never ran. */
  readonly exitCode?: number;
  readonly message?: string;
}

/** Everything that can happen to a workflow, fed to the engine one at a time. */
export type EngineEvent =
  | { readonly type: 'start'; readonly at: number }
  | {
      readonly type: 'pod-started';
      readonly nodeId: string;
      readonly at: number;
      /** The pod's IP, when it has one (daemons are reached through `steps.<name>.ip`). */
      readonly podIP?: string;
    }
  | { readonly type: 'pod-exited'; readonly exit: PodExit; readonly at: number }
  | { readonly type: 'timer'; readonly id: string; readonly at: number }
  | {
      readonly type: 'resume';
      /** Resume only this suspend node (its name, display name or id); all of them when absent. */
      readonly nodeName?: string;
      readonly at: number;
      /** Values for the node's `valueFrom.supplied` output parameters, by name (`argo node set`). */
      readonly parameters?: Readonly<Record<string, string>>;
    }
  | { readonly type: 'suspend'; readonly at: number }
  | { readonly type: 'stop'; readonly at: number; readonly message?: string }
  | { readonly type: 'terminate'; readonly at: number; readonly message?: string };
