// The engine's JSON-serialisable state: Argo's `status` shape plus the bookkeeping that lets each event be
// handled without scanning the whole status (controllers per node, counters, queues, timers).
import type {
  Arguments,
  DAGTask,
  Parameter,
  Template,
  TemplateRef,
  WorkflowSpec,
  WorkflowStep,
} from '../spec/model';
import type { ArtifactValue, NodePhase, ParameterValue, WorkflowPhase } from './contract';
import type { CountedSet } from './records';

/** Argo's node types. */
export type NodeType =
  | 'Pod'
  | 'Container'
  | 'Steps'
  | 'StepGroup'
  | 'DAG'
  | 'TaskGroup'
  | 'Retry'
  | 'Skipped'
  | 'Suspend'
  | 'HTTP'
  | 'Plugin';

/** A node's outputs in Argo's shape: parameters keep their definition (valueFrom, globalName) beside the value. */
export interface NodeOutputsStatus {
  parameters?: (Parameter & { value?: string })[];
  artifacts?: (ArtifactValue & { globalName?: string; optional?: boolean })[];
  result?: string;
  exitCode?: string;
}

/** A node's inputs in Argo's shape. */
export interface NodeInputsStatus {
  parameters?: Parameter[];
  artifacts?: NodeArtifact[];
}

/** An artifact as a node sees it: where it goes (`path`) and where it comes from (`key`, `raw`, `git`…). */
export interface NodeArtifact {
  name: string;
  path?: string;
  key?: string;
  optional?: boolean;
  raw?: { data: string };
  git?: { repo: string; revision?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** One entry of `status.nodes`, in Argo's JSON shape. */
export interface NodeStatus {
  id: string;
  name: string;
  displayName: string;
  type: NodeType;
  templateName?: string;
  templateRef?: TemplateRef;
  templateScope?: string;
  phase: NodePhase;
  boundaryID?: string;
  message?: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress?: string;
  inputs?: NodeInputsStatus;
  outputs?: NodeOutputsStatus;
  children?: string[];
  outboundNodes?: string[];
  nodeFlag?: { hooked?: boolean; retried?: boolean };
  daemoned?: boolean;
  podIP?: string;
  synchronizationStatus?: { waiting?: string };
}

/** `status` of a workflow, in Argo's JSON shape. */
export interface WorkflowStatusJson {
  phase: WorkflowPhase;
  startedAt: string | null;
  finishedAt: string | null;
  message?: string;
  progress: string;
  outputs?: { parameters?: ParameterValue[]; artifacts?: ArtifactValue[] };
  nodes: Record<string, NodeStatus>;
}

/** Identity and metadata of the workflow being run. */
export interface WorkflowMeta {
  name: string;
  namespace: string;
  uid: string;
  /** RFC 3339. */
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** How a step, task or hook names the template it runs. */
export interface TemplateHolder {
  template?: string;
  templateRef?: TemplateRef;
  inline?: Template;
}

/** What a node is to the controller that created it. */
export type Role =
  | { k: 'entry' }
  | { k: 'wf-exit' }
  | { k: 'wf-hook'; hook: string }
  | { k: 'step'; group: number; step: string; base: string }
  | { k: 'task'; task: string }
  | { k: 'item'; task: string; index: number }
  | { k: 'attempt'; index: number }
  | { k: 'exit'; of: string }
  | { k: 'hook'; of: string; hook: string }
  | { k: 'container' }
  | { k: 'group'; index: number };

/** Everything needed to (re)run `executeTemplate` for a node that does not exist yet. */
export interface ExecRequest {
  nodeName: string;
  /** Node id of the controller to notify ('' for the workflow itself). */
  parent: string;
  role: Role;
  boundaryId: string;
  holder: TemplateHolder;
  /** Template scope the holder resolves in (`local/<wf>`, `namespaced/<name>`, `cluster/<name>`). */
  scope: string;
  /** Scope the resolved template's own steps/tasks resolve in (set once the template is found). */
  bodyScope?: string;
  args: Arguments;
  locals?: Record<string, string>;
  onExit: boolean;
  hooked?: boolean;
  /** An attempt of a Retry node. */
  retried?: boolean;
}

/** State of a leaf node whose pod (or HTTP/data request) runs in the executor. */
export interface PodExec {
  podName: string;
  outputs: Template['outputs'];
  /** Whether `outputs.result` is kept (script/data/http, or referenced by the enclosing template). */
  keepResult: boolean;
  onExit: boolean;
  daemon: boolean;
  containerSet: boolean;
  deadline?: number;
}

/** State of a Steps node. */
export interface StepsExec {
  template: Template;
  /** Scope the template's steps resolve their templates in. */
  scope: string;
  /** Part of an exit handler (its pods run even when the workflow is stopped). */
  onExit: boolean;
  group: number;
  /** Expanded step name → the step as run (after substitution), for hooks, onExit and continueOn. */
  running: Record<string, WorkflowStep>;
  /** Node names of the current group's children, hooks and exit handlers that have not finished. */
  open: CountedSet;
  /** Step name → ids of its expanded children (loops), in loop order. */
  loops: Record<string, string[]>;
  /** Step name → node id for steps of finished groups (aggregate loops point at the step group). */
  done: Record<string, StepRef>;
  /** Names whose `outputs.result` the template references. */
  resultRefs: string[];
  finished: boolean;
  /** Statuses of the current group's children, by display name, for hook expressions. */
  statuses: Record<string, string>;
}

/** Where a finished step's variables come from. */
export interface StepRef {
  node: string;
  /** Present for withItems/withParam steps: the expanded children, in loop order, and their aggregates. */
  loop?: { children: string[]; aggregate?: Aggregate };
  /** The template the step ran, for Skipped/Omitted output defaults. */
  holder?: TemplateHolder;
  scope?: string;
}

/** Aggregated outputs of an expanded loop (computed once when it finishes). */
export interface Aggregate {
  result?: string;
  parameters?: string;
  byName: Record<string, string>;
  error?: string;
}

/** State of one task of a DAG. */
export interface TaskExec {
  deps: string[];
  dependants: string[];
  /** Dependencies not yet settled. */
  waiting: number;
  state: 'waiting' | 'active' | 'settled';
  /** Needed to reach a target (Argo only ever visits these). */
  relevant: boolean;
  /** A target of the DAG (dag.target, or a task nothing depends on). */
  target?: boolean;
  /** The task's node (a TaskGroup for loops). */
  node?: string;
  /** The task as run, after substitution (hooks, exit handler, continueOn). */
  ran?: DAGTask;
  /** The task's node is fulfilled (its hooks or exit handler may still run). */
  nodeDone?: boolean;
  /** Hook and exit-handler nodes of the task's node still running, by name. */
  open: Record<string, true>;
  /** For loops: the expanded children, those not settled, their exit handlers and expanded tasks. */
  loop?: {
    group: string;
    items: string[];
    pending: CountedSet;
    exits: Record<string, string>;
    tasks: Record<string, DAGTask>;
    aggregate?: Aggregate;
  };
  /** Argo's branch phase, once settled (for the DAG's own phase and failFast). */
  branch?: NodePhase;
}

/** State of a DAG node. */
export interface DagExec {
  template: Template;
  scope: string;
  onExit: boolean;
  tasks: Record<string, TaskExec>;
  /** Position of each task in the template's `dag.tasks`. */
  index: Record<string, number>;
  order: string[];
  targets: string[];
  /** Tasks started or blocked and not yet settled. */
  active: number;
  /** Relevant tasks not decided yet. */
  undecided: number;
  /** failFast saw a target fail: no new task starts. */
  tripped: boolean;
  /** A target failed during the notification being handled (trips once the notification is done). */
  tripPending?: boolean;
  failFast: boolean;
  resultRefs: string[];
  finished: boolean;
  statuses: Record<string, string>;
}

/** State of a Retry node. */
export interface RetryExec {
  request: ExecRequest;
  /** Template after ProcessArgs (attempts substitute `retries`, `lastRetry.*`, `pod.name` into it). */
  template: Template;
  attempts: string[];
  timer?: string;
}

/** State of a suspend node. */
export interface SuspendExec {
  timer?: string;
  onExit: boolean;
}

/** Per-node bookkeeping. */
export interface ExecRecord {
  parent: string;
  role: Role;
  onExit?: boolean;
  pod?: PodExec;
  steps?: StepsExec;
  dag?: DagExec;
  retry?: RetryExec;
  suspend?: SuspendExec;
  /** Request kept while the node waits for a lock, to continue once it is acquired. */
  waitingLock?: { request: ExecRequest; template: Template };
  locks?: string[];
  /** Daemoned children to kill when this boundary completes. */
  daemons?: string[];
  /** Has lifecycle hooks (so phase changes, not only completion, are reported to the parent). */
  watched?: boolean;
}

/** A start deferred by `parallelism`. */
export type BlockedStart = { kind: 'exec'; request: ExecRequest } | { kind: 'attempt'; retry: string };

/** A FIFO of blocked starts, by id. */
export interface Fifo {
  ids: string[];
  head: number;
}

/** A message from a node to its controller. */
export interface Notification {
  parent: string;
  child: string;
  /** The node finished (or a daemon became ready); otherwise only its phase changed. */
  done: boolean;
  /** Argo returned an error along with this node (it bubbles up as messages like "step group deemed errored…"). */
  error?: string;
}

/** The engine's whole state; JSON in, JSON out. */
export interface EngineState {
  version: 1;
  /**
   * Succeeded pods of the run this one retries, by the runner's replay key: the runner replays their outcome instead
   * of running them again. The engine never reads it.
   */
  replay?: Record<string, NodeStatus>;
  meta: WorkflowMeta;
  /** The workflow spec as run: workflowTemplateRef merged, submission parameters applied. */
  spec: WorkflowSpec;
  /** Templates by scope (`local/<wf>`, `namespaced/<name>`, `cluster/<name>`) and name. */
  templates: Record<string, Record<string, Template>>;
  /** Templates a scope could not provide: scope → template name → message. */
  missing: Record<string, Record<string, string>>;
  semaphoreLimits: Record<string, number>;
  /** ConfigMaps that `valueFrom.configMapKeyRef` parameters read, by name: a snapshot taken at creation. */
  configMaps?: Record<string, Record<string, string>>;
  /** Flat `workflow.*` variables. */
  globals: Record<string, string>;
  status: WorkflowStatusJson;
  exec: Record<string, ExecRecord>;
  timers: Record<string, { at: number; node: string; kind: 'suspend' | 'backoff' | 'deadline' | 'workflow' }>;
  blocked: {
    seq: number;
    items: Record<string, BlockedStart>;
    global: Fifo;
    byBoundary: Record<string, Fifo>;
  };
  locks: Record<string, { limit: number; holders: string[]; waiting: string[] }>;
  counters: {
    activePods: number;
    /** Pending/Running Pod, Steps and DAG nodes by boundary id. */
    activeChildren: Record<string, number>;
    /** Failed/Error Pod, Steps and DAG nodes by boundary id (template-level failFast). */
    unsuccessful: Record<string, number>;
    progressTotal: number;
    progressDone: number;
    /** Ids of Pod nodes that are Pending or Running (to kill them on shutdown). */
    livePods: Record<string, true>;
    /** Ids of Suspend nodes waiting to be resumed. */
    liveSuspends: Record<string, true>;
    /** Failed and Error nodes, in the order they failed (workflow.failures). */
    failed: string[];
  };
  run: {
    stage: 'created' | 'running' | 'hooks' | 'exit' | 'done';
    suspended: boolean;
    shutdown: '' | 'Stop' | 'Terminate';
    deadline?: number;
    deadlinePassed: boolean;
    /** Notifications held while the workflow is suspended. */
    deferred: Notification[];
    /** Workflow-level hooks already started, by name. */
    hooksStarted: Record<string, string>;
    /** `workflow.status` and `workflow.failures` once the entry template finished. */
    exitGlobals?: { status: string; failures: string };
  };
}
