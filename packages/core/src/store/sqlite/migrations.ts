import type Database from 'better-sqlite3';
import { StoreSchemaTooNewError } from '../errors';

/**
 * Schema migrations, in order: migration `i` brings the database from version `i` to `i + 1`, and the
 * version is kept in `PRAGMA user_version`. Never edit a released migration; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workflows (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    namespace TEXT NOT NULL,
    uid TEXT NOT NULL,
    phase TEXT NOT NULL,
    manifest TEXT,
    status TEXT,
    engine_state TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX workflows_phase ON workflows (phase);

  -- AUTOINCREMENT: a sequence number is never reused, even after the newest rows are deleted, so a
  -- \`logs -f\` follower holding an old seq never skips lines of a workflow recreated under the same name.
  CREATE TABLE logs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    text TEXT NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX logs_workflow_seq ON logs (workflow_id, seq);
  CREATE INDEX logs_workflow_node_seq ON logs (workflow_id, node_id, seq);

  CREATE TABLE templates (
    kind TEXT NOT NULL CHECK (kind IN ('WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow')),
    name TEXT NOT NULL,
    manifest TEXT,
    PRIMARY KEY (kind, name)
  ) STRICT;

  -- Secrets are stored as given, not encrypted: the database file and its -wal/-shm are mode 0600.
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) STRICT;

  CREATE TABLE config_maps (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) STRICT;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Reads `PRAGMA user_version`. */
export function schemaVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new TypeError(`PRAGMA user_version returned ${String(version)}`);
  return version;
}

/**
 * Brings the schema up to `SCHEMA_VERSION`. Runs under `BEGIN IMMEDIATE` and re-reads the version inside,
 * so two processes opening a fresh file at once apply each migration exactly once.
 */
export function migrate(db: Database.Database, path: string): void {
  const check = (found: number): boolean => {
    if (found > SCHEMA_VERSION) throw new StoreSchemaTooNewError(path, found, SCHEMA_VERSION);
    return found < SCHEMA_VERSION;
  };
  if (!check(schemaVersion(db))) return;
  db.transaction(() => {
    const from = schemaVersion(db);
    if (!check(from)) return;
    for (let version = from; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
    }
    // user_version lives in the database header, so this write commits or rolls back with the migrations.
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
