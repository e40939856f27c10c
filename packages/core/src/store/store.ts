/** A workflow as stored: its manifest as submitted, its Argo-shaped status and the engine's own state. */
export interface WorkflowRecord {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  /** The Workflow manifest as submitted (JSON), templateRefs not expanded. */
  readonly manifest: unknown;
  /** Argo's `status` shape (phase, nodes, startedAt, finishedAt, message, outputs). */
  readonly status: unknown;
  /** The engine's opaque state (JSON) from which it resumes. */
  readonly engineState: unknown;
  readonly phase: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One log line (or chunk) of a node. */
export interface LogEntry {
  readonly workflow: string;
  readonly nodeId: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  readonly at: number;
  /** Monotonic sequence number, for `logs -f` to continue where it stopped. */
  readonly seq: number;
}

/** A stored WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow manifest. */
export type TemplateKind = 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/** Where Slipway keeps workflows, logs, templates, secrets and config maps: SQLite now, PostgreSQL later. */
export interface Store {
  /** Adds a new workflow; fails with a clear error if the name is taken. */
  createWorkflow(record: WorkflowRecord): Promise<void>;
  /** Replaces a workflow's status and engine state in one transaction (persisted before its actions run). */
  saveWorkflow(
    name: string,
    update: { status: unknown; engineState: unknown; phase: string; updatedAt: number },
  ): Promise<void>;
  getWorkflow(name: string): Promise<WorkflowRecord | undefined>;
  listWorkflows(filter?: { phase?: string[] }): Promise<WorkflowRecord[]>;
  deleteWorkflow(name: string): Promise<boolean>;

  appendLogs(entries: readonly Omit<LogEntry, 'seq'>[]): Promise<void>;
  readLogs(
    workflow: string,
    options?: { nodeId?: string; afterSeq?: number; limit?: number },
  ): Promise<LogEntry[]>;

  putTemplate(kind: TemplateKind, name: string, manifest: unknown): Promise<void>;
  getTemplate(kind: TemplateKind, name: string): Promise<unknown | undefined>;
  listTemplates(kind: TemplateKind): Promise<{ name: string; manifest: unknown }[]>;
  deleteTemplate(kind: TemplateKind, name: string): Promise<boolean>;

  putSecret(name: string, data: Record<string, string>): Promise<void>;
  getSecret(name: string): Promise<Record<string, string> | undefined>;
  listSecrets(): Promise<string[]>;
  deleteSecret(name: string): Promise<boolean>;
  putConfigMap(name: string, data: Record<string, string>): Promise<void>;
  getConfigMap(name: string): Promise<Record<string, string> | undefined>;

  close(): Promise<void>;
}
