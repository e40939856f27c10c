// The SQLite Store. Durability: WAL + synchronous=NORMAL (see open-database.ts), so a transition is
// durable against process crashes once saveWorkflow resolves; pass `synchronous: 'full'` to also survive
// power loss. Security: secrets and config maps are stored in clear text, NOT encrypted at rest; the only
// protection is file mode 0600 on the database and its -wal/-shm (and 0700 on a directory it creates).
// Keep the database on a local disk: WAL needs shared memory, which network file systems do not provide.
import Database from 'better-sqlite3';
import {
  StoreBusyError,
  StoreClosedError,
  StoreFullError,
  WorkflowExistsError,
  WorkflowNotFoundError,
} from '../errors';
import type { LogEntry, Store, TemplateKind, WorkflowRecord } from '../store';
import { fromJsonText, fromStringRecordText, toJsonText } from './json-column';
import { schemaVersion } from './migrations';
import { isMemoryPath, openDatabase } from './open-database';
import { prepareStatements, type SaveWorkflowParams, type Statements, type WorkflowRow } from './statements';
import { Utf8Scratch } from './utf8-scratch';

/** Options of `SqliteStore`. */
export interface SqliteStoreOptions {
  /** How long to wait for another process's write lock before failing (ms); default 5000. */
  readonly busyTimeoutMs?: number;
  /** `normal` (default) survives process crashes; `full` also survives power loss, one fsync per commit. */
  readonly synchronous?: 'normal' | 'full';
}

/** The connection settings in effect, for diagnostics (`slipway doctor`) and tests. */
export interface SqliteStoreSettings {
  readonly path: string;
  readonly journalMode: string;
  readonly synchronous: 'off' | 'normal' | 'full' | 'extra';
  readonly foreignKeys: boolean;
  readonly busyTimeoutMs: number;
  readonly schemaVersion: number;
}

const SYNCHRONOUS_NAMES = ['off', 'normal', 'full', 'extra'] as const;

/**
 * The SQLite `Store`, on better-sqlite3. Secrets are stored as given, NOT encrypted at rest: the database
 * file and its -wal/-shm are kept mode 0600 (owner-only) instead. Several processes may open the same
 * file (WAL mode); writes are serialized by SQLite's lock and wait up to the busy timeout.
 */
export class SqliteStore implements Store {
  /** The path given to the constructor (`:memory:` for an in-memory database). */
  readonly path: string;
  readonly #db: Database.Database;
  readonly #sql: Statements;
  readonly #statusBytes = new Utf8Scratch();
  readonly #engineStateBytes = new Utf8Scratch();
  readonly #busyTimeoutMs: number;
  readonly #save: (params: SaveWorkflowParams) => boolean;
  readonly #append: (entries: readonly Omit<LogEntry, 'seq'>[]) => void;
  #closed = false;

  /** Opens or creates the database at `path` (e.g. `defaultSqlitePath(home)`), or `:memory:`. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.#db = openDatabase(path, {
      busyTimeoutMs: this.#busyTimeoutMs,
      synchronous: options.synchronous ?? 'normal',
    });
    const sql = prepareStatements(this.#db);
    this.#sql = sql;
    // BEGIN IMMEDIATE takes the write lock up front, waiting up to the busy timeout. A deferred
    // transaction that reads first (appendLogs looks up workflow ids) would instead fail at once with
    // SQLITE_BUSY_SNAPSHOT when another process wrote after its read started.
    const save = this.#db.transaction(
      (params: SaveWorkflowParams) => sql.saveWorkflow.run(params).changes > 0,
    );
    this.#save = (params) => save.immediate(params);
    const append = this.#db.transaction((entries: readonly Omit<LogEntry, 'seq'>[]) => {
      const ids = new Map<string, number>();
      for (const entry of entries) {
        let id = ids.get(entry.workflow);
        if (id === undefined) {
          id = sql.workflowId.get(entry.workflow);
          // Throwing inside the transaction rolls the whole batch back.
          if (id === undefined) throw new WorkflowNotFoundError(entry.workflow);
          ids.set(entry.workflow, id);
        }
        sql.insertLog.run(id, entry.nodeId, entry.stream, entry.text, entry.at);
      }
    });
    this.#append = (entries) => append.immediate(entries);
  }

  /** Adds a new workflow; rejects with `WorkflowExistsError` if the name is taken. */
  async createWorkflow(record: WorkflowRecord): Promise<void> {
    const params = {
      name: record.name,
      namespace: record.namespace,
      uid: record.uid,
      phase: record.phase,
      manifest: toJsonText(record.manifest),
      status: toJsonText(record.status),
      engineState: toJsonText(record.engineState),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
    const inserted = this.#use((sql) => sql.insertWorkflow.run(params).changes > 0);
    if (!inserted) throw new WorkflowExistsError(record.name);
  }

  /** Replaces status, engine state, phase and updatedAt in one transaction; rejects if none is stored. */
  async saveWorkflow(
    name: string,
    update: { status: unknown; engineState: unknown; phase: string; updatedAt: number },
  ): Promise<void> {
    // Serialize before the transaction so that the write lock is held only for the write itself.
    const params = {
      name,
      phase: update.phase,
      status: this.#statusBytes.bind(toJsonText(update.status)),
      engineState: this.#engineStateBytes.bind(toJsonText(update.engineState)),
      updatedAt: update.updatedAt,
    };
    const saved = this.#use(() => this.#save(params));
    if (!saved) throw new WorkflowNotFoundError(name);
  }

  /** The stored workflow, or undefined. */
  async getWorkflow(name: string): Promise<WorkflowRecord | undefined> {
    const row = this.#use((sql) => sql.getWorkflow.get(name));
    return row === undefined ? undefined : toRecord(row);
  }

  /** Workflows by creation time then name, optionally only those in one of `filter.phase`. */
  async listWorkflows(filter?: { phase?: string[] }): Promise<WorkflowRecord[]> {
    const phases = filter?.phase;
    const rows = this.#use((sql) =>
      phases === undefined ? sql.listWorkflows.all() : sql.listWorkflowsByPhase.all(JSON.stringify(phases)),
    );
    return rows.map(toRecord);
  }

  /** Deletes a workflow and its logs; false if there was none. */
  async deleteWorkflow(name: string): Promise<boolean> {
    // The logs go with it through ON DELETE CASCADE, within the same statement.
    return this.#use((sql) => sql.deleteWorkflow.run(name).changes > 0);
  }

  /** Appends a batch of log lines in one transaction; rejects (writing none) if a workflow is unknown. */
  async appendLogs(entries: readonly Omit<LogEntry, 'seq'>[]): Promise<void> {
    if (entries.length === 0) return;
    this.#use(() => this.#append(entries));
  }

  /** Log lines of a workflow (optionally one node) in sequence order, after `afterSeq`, at most `limit`. */
  async readLogs(
    workflow: string,
    options: { nodeId?: string; afterSeq?: number; limit?: number } = {},
  ): Promise<LogEntry[]> {
    // Sequence numbers start at 1, so 0 means "from the start"; LIMIT -1 means no limit in SQLite.
    const afterSeq = options.afterSeq ?? 0;
    const limit = options.limit ?? -1;
    const nodeId = options.nodeId;
    const rows = this.#use((sql) =>
      nodeId === undefined
        ? sql.readLogs.all({ workflow, afterSeq, limit })
        : sql.readNodeLogs.all({ workflow, nodeId, afterSeq, limit }),
    );
    return rows.map((row) => ({
      workflow,
      nodeId: row.node_id,
      stream: row.stream,
      text: row.text,
      at: row.at,
      seq: row.seq,
    }));
  }

  /** Stores (or replaces) a template manifest of a kind. */
  async putTemplate(kind: TemplateKind, name: string, manifest: unknown): Promise<void> {
    const text = toJsonText(manifest);
    this.#use((sql) => sql.putTemplate.run(kind, name, text));
  }

  /** A template manifest, or undefined. */
  async getTemplate(kind: TemplateKind, name: string): Promise<unknown | undefined> {
    const row = this.#use((sql) => sql.getTemplate.get(kind, name));
    return row === undefined ? undefined : fromJsonText(row.manifest, `${kind} \`${name}\``);
  }

  /** The templates of a kind, by name. */
  async listTemplates(kind: TemplateKind): Promise<{ name: string; manifest: unknown }[]> {
    const rows = this.#use((sql) => sql.listTemplates.all(kind));
    return rows.map((row) => ({
      name: row.name,
      manifest: fromJsonText(row.manifest, `${kind} \`${row.name}\``),
    }));
  }

  /** Deletes a template; false if there was none. */
  async deleteTemplate(kind: TemplateKind, name: string): Promise<boolean> {
    return this.#use((sql) => sql.deleteTemplate.run(kind, name).changes > 0);
  }

  /** Stores (or replaces) a secret, in clear text (see the class comment). */
  async putSecret(name: string, data: Record<string, string>): Promise<void> {
    const text = JSON.stringify(data);
    this.#use((sql) => sql.putSecret.run(name, text));
  }

  /** A secret's data, or undefined. */
  async getSecret(name: string): Promise<Record<string, string> | undefined> {
    const text = this.#use((sql) => sql.getSecret.get(name));
    return text === undefined ? undefined : fromStringRecordText(text, `secret \`${name}\``);
  }

  /** Secret names, sorted. */
  async listSecrets(): Promise<string[]> {
    return this.#use((sql) => sql.listSecrets.all());
  }

  /** Deletes a secret; false if there was none. */
  async deleteSecret(name: string): Promise<boolean> {
    return this.#use((sql) => sql.deleteSecret.run(name).changes > 0);
  }

  /** Stores (or replaces) a config map. */
  async putConfigMap(name: string, data: Record<string, string>): Promise<void> {
    const text = JSON.stringify(data);
    this.#use((sql) => sql.putConfigMap.run(name, text));
  }

  /** A config map's data, or undefined. */
  async getConfigMap(name: string): Promise<Record<string, string> | undefined> {
    const text = this.#use((sql) => sql.getConfigMap.get(name));
    return text === undefined ? undefined : fromStringRecordText(text, `config map \`${name}\``);
  }

  /** The connection's pragmas and schema version. */
  settings(): SqliteStoreSettings {
    return this.#use(() => {
      const db = this.#db;
      const synchronous = SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? 'off';
      return {
        path: this.path,
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous,
        foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
        busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
        schemaVersion: schemaVersion(db),
      };
    });
  }

  /** Closes the connection (idempotent); the last connection to a file checkpoints and removes its -wal. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      // Keeps the query planner's statistics fresh at little cost, as SQLite recommends before closing.
      if (!isMemoryPath(this.path)) this.#db.pragma('optimize');
    } catch {
      // Statistics are optional (optimize may find another process holding the lock): close anyway.
    } finally {
      this.#db.close();
    }
  }

  /** Runs `body` on the open connection, turning SQLite's lock and disk-full errors into Slipway errors. */
  #use<T>(body: (sql: Statements) => T): T {
    if (this.#closed) throw new StoreClosedError();
    try {
      return body(this.#sql);
    } catch (error) {
      if (error instanceof Database.SqliteError) {
        if (error.code.startsWith('SQLITE_BUSY'))
          throw new StoreBusyError(this.path, this.#busyTimeoutMs, error);
        if (error.code === 'SQLITE_FULL') throw new StoreFullError(this.path, error);
      }
      throw error;
    }
  }
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  const where = `workflow \`${row.name}\``;
  return {
    name: row.name,
    namespace: row.namespace,
    uid: row.uid,
    manifest: fromJsonText(row.manifest, `${where} manifest`),
    status: fromJsonText(row.status, `${where} status`),
    engineState: fromJsonText(row.engine_state, `${where} engine state`),
    phase: row.phase,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
