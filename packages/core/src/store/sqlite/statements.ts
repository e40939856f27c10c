import type Database from 'better-sqlite3';

/** A `workflows` row as SQLite returns it. */
export interface WorkflowRow {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly phase: string;
  readonly manifest: string | null;
  readonly status: string | null;
  readonly engine_state: string | null;
  readonly created_at: number;
  readonly updated_at: number;
}

/** A `logs` row as SQLite returns it (the workflow is known from the query). */
export interface LogRow {
  readonly seq: number;
  readonly node_id: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  readonly at: number;
}

/** A stored template's name and JSON manifest. */
export interface TemplateRow {
  readonly name: string;
  readonly manifest: string | null;
}

const WORKFLOW_COLUMNS =
  'name, namespace, uid, phase, manifest, status, engine_state, created_at, updated_at';

/** Every SQL statement the store runs, exported so tests can check their query plans. */
export const SQL = {
  insertWorkflow: `INSERT INTO workflows (${WORKFLOW_COLUMNS})
    VALUES (@name, @namespace, @uid, @phase, @manifest, @status, @engineState, @createdAt, @updatedAt)
    ON CONFLICT (name) DO NOTHING`,
  // CAST: large JSON texts arrive as UTF-8 bytes (see Utf8Scratch) and must be stored as TEXT.
  saveWorkflow: `UPDATE workflows
    SET status = CAST(@status AS TEXT), engine_state = CAST(@engineState AS TEXT), phase = @phase,
      updated_at = @updatedAt
    WHERE name = @name`,
  getWorkflow: `SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE name = ?`,
  listWorkflows: `SELECT ${WORKFLOW_COLUMNS} FROM workflows ORDER BY created_at, name`,
  // One cached statement for any number of phases: the list is bound as a JSON array.
  listWorkflowsByPhase: `SELECT ${WORKFLOW_COLUMNS} FROM workflows
    WHERE phase IN (SELECT value FROM json_each(?)) ORDER BY created_at, name`,
  deleteWorkflow: 'DELETE FROM workflows WHERE name = ?',
  workflowId: 'SELECT id FROM workflows WHERE name = ?',
  insertLog: 'INSERT INTO logs (workflow_id, node_id, stream, text, at) VALUES (?, ?, ?, ?, ?)',
  readLogs: `SELECT seq, node_id, stream, text, at FROM logs
    WHERE workflow_id = (SELECT id FROM workflows WHERE name = @workflow) AND seq > @afterSeq
    ORDER BY seq LIMIT @limit`,
  readNodeLogs: `SELECT seq, node_id, stream, text, at FROM logs
    WHERE workflow_id = (SELECT id FROM workflows WHERE name = @workflow) AND node_id = @nodeId
      AND seq > @afterSeq
    ORDER BY seq LIMIT @limit`,
  putTemplate: `INSERT INTO templates (kind, name, manifest) VALUES (?, ?, ?)
    ON CONFLICT (kind, name) DO UPDATE SET manifest = excluded.manifest`,
  getTemplate: 'SELECT name, manifest FROM templates WHERE kind = ? AND name = ?',
  listTemplates: 'SELECT name, manifest FROM templates WHERE kind = ? ORDER BY name',
  deleteTemplate: 'DELETE FROM templates WHERE kind = ? AND name = ?',
  putSecret: `INSERT INTO secrets (name, data) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET data = excluded.data`,
  getSecret: 'SELECT data FROM secrets WHERE name = ?',
  listSecrets: 'SELECT name FROM secrets ORDER BY name',
  deleteSecret: 'DELETE FROM secrets WHERE name = ?',
  putConfigMap: `INSERT INTO config_maps (name, data) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET data = excluded.data`,
  getConfigMap: 'SELECT data FROM config_maps WHERE name = ?',
} as const;

/** Named parameters of `insertWorkflow`. */
export interface InsertWorkflowParams {
  name: string;
  namespace: string;
  uid: string;
  phase: string;
  manifest: string | null;
  status: string | null;
  engineState: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Named parameters of `saveWorkflow`; JSON may be given as UTF-8 bytes. */
export interface SaveWorkflowParams {
  name: string;
  phase: string;
  status: string | Buffer | null;
  engineState: string | Buffer | null;
  updatedAt: number;
}

/** Named parameters of `readLogs` / `readNodeLogs` (`limit` -1 means no limit). */
export interface ReadLogsParams {
  workflow: string;
  nodeId?: string;
  afterSeq: number;
  limit: number;
}

/** Prepares every statement once per connection; better-sqlite3 does not cache prepared statements itself. */
export function prepareStatements(db: Database.Database) {
  return {
    insertWorkflow: db.prepare<InsertWorkflowParams>(SQL.insertWorkflow),
    saveWorkflow: db.prepare<SaveWorkflowParams>(SQL.saveWorkflow),
    getWorkflow: db.prepare<[string], WorkflowRow>(SQL.getWorkflow),
    listWorkflows: db.prepare<[], WorkflowRow>(SQL.listWorkflows),
    listWorkflowsByPhase: db.prepare<[string], WorkflowRow>(SQL.listWorkflowsByPhase),
    deleteWorkflow: db.prepare<[string]>(SQL.deleteWorkflow),
    workflowId: db.prepare<[string], number>(SQL.workflowId).pluck(),
    insertLog: db.prepare<[number, string, string, string, number]>(SQL.insertLog),
    readLogs: db.prepare<ReadLogsParams, LogRow>(SQL.readLogs),
    readNodeLogs: db.prepare<ReadLogsParams, LogRow>(SQL.readNodeLogs),
    putTemplate: db.prepare<[string, string, string | null]>(SQL.putTemplate),
    getTemplate: db.prepare<[string, string], TemplateRow>(SQL.getTemplate),
    listTemplates: db.prepare<[string], TemplateRow>(SQL.listTemplates),
    deleteTemplate: db.prepare<[string, string]>(SQL.deleteTemplate),
    putSecret: db.prepare<[string, string]>(SQL.putSecret),
    getSecret: db.prepare<[string], string>(SQL.getSecret).pluck(),
    listSecrets: db.prepare<[], string>(SQL.listSecrets).pluck(),
    deleteSecret: db.prepare<[string]>(SQL.deleteSecret),
    putConfigMap: db.prepare<[string, string]>(SQL.putConfigMap),
    getConfigMap: db.prepare<[string], string>(SQL.getConfigMap).pluck(),
  };
}

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;
