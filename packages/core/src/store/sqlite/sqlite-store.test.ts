import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { storeSuite } from '../store.suite';
import { workflowRecord } from '../suite/fixtures';
import { defaultSqlitePath } from './default-path';
import { SCHEMA_VERSION } from './migrations';
import { databaseFiles } from './private-files';
import { SqliteStore } from './sqlite-store';
import { SQL } from './statements';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'slipway-store-'));
}

storeSuite('SqliteStore (file)', async () => {
  const dir = tempDir();
  const path = join(dir, 'slipway.db');
  const store = new SqliteStore(path);
  return {
    store,
    reopen: async () => new SqliteStore(path),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

storeSuite(
  'SqliteStore (:memory:)',
  async () => {
    const store = new SqliteStore(':memory:');
    return { store, cleanup: () => store.close() };
  },
  { reopenable: false },
);

describe('SqliteStore on disk', () => {
  test('uses WAL, synchronous=NORMAL, foreign keys and a busy timeout, at the current schema', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'a.db'));
    try {
      assert.deepEqual(store.settings(), {
        path: join(dir, 'a.db'),
        journalMode: 'wal',
        synchronous: 'normal',
        foreignKeys: true,
        busyTimeoutMs: 5000,
        schemaVersion: SCHEMA_VERSION,
      });
      const full = new SqliteStore(join(dir, 'a.db'), { synchronous: 'full', busyTimeoutMs: 250 });
      assert.equal(full.settings().synchronous, 'full');
      assert.equal(full.settings().busyTimeoutMs, 250);
      await full.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('creates its directory 0700 and keeps the database, -wal and -shm at 0600', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested', '.slipway', 'slipway.db');
    const store = new SqliteStore(path);
    try {
      await store.createWorkflow(workflowRecord('wf'));
      await store.putSecret('s', { token: 'clear text' });
      assert.equal(statSync(join(dir, 'nested', '.slipway')).mode & 0o777, 0o700);
      for (const file of databaseFiles(path)) assert.equal(statSync(file).mode & 0o777, 0o600, file);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('tightens the mode of an existing database file that was readable by others', async () => {
    const dir = tempDir();
    const path = join(dir, 'loose.db');
    try {
      await new SqliteStore(path).close();
      chmodSync(path, 0o644);
      const store = new SqliteStore(path);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('migrates once, records user_version, and reopens without migrating again', async () => {
    const dir = tempDir();
    const path = join(dir, 'm.db');
    try {
      await new SqliteStore(path).close();
      const raw = new Database(path);
      assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      const tables = raw
        .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      assert.deepEqual(tables, [
        'config_maps',
        'logs',
        'secrets',
        'sqlite_sequence',
        'templates',
        'workflows',
      ]);
      raw.close();
      const again = new SqliteStore(path);
      assert.equal(again.settings().schemaVersion, SCHEMA_VERSION);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a database from a newer Slipway with SLIPWAY_STORE_SCHEMA_TOO_NEW', () => {
    const dir = tempDir();
    const path = join(dir, 'new.db');
    try {
      const raw = new Database(path);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      assert.throws(() => new SqliteStore(path), {
        name: 'StoreSchemaTooNewError',
        code: 'SLIPWAY_STORE_SCHEMA_TOO_NEW',
        message: /upgrade Slipway/,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a file that is not a database with SLIPWAY_STORE_OPEN', () => {
    const dir = tempDir();
    const path = join(dir, 'junk.db');
    try {
      writeFileSync(path, 'this is not a database, just some text long enough to have a header'.repeat(20));
      assert.throws(() => new SqliteStore(path), { name: 'StoreOpenError', code: 'SLIPWAY_STORE_OPEN' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects calls after close with SLIPWAY_STORE_CLOSED', async () => {
    const store = new SqliteStore(':memory:');
    await store.close();
    await assert.rejects(store.getWorkflow('x'), { name: 'StoreClosedError', code: 'SLIPWAY_STORE_CLOSED' });
    await assert.rejects(
      store.appendLogs([{ workflow: 'x', nodeId: 'n', stream: 'stdout', text: '', at: 0 }]),
      {
        code: 'SLIPWAY_STORE_CLOSED',
      },
    );
  });

  test('gives up on a write lock held too long with SLIPWAY_STORE_BUSY, then works', async () => {
    const dir = tempDir();
    const path = join(dir, 'busy.db');
    const store = new SqliteStore(path, { busyTimeoutMs: 50 });
    const other = new Database(path);
    try {
      await store.createWorkflow(workflowRecord('wf'));
      other.exec('BEGIN IMMEDIATE');
      const update = { status: { n: 1 }, engineState: {}, phase: 'Running', updatedAt: 1 };
      await assert.rejects(store.saveWorkflow('wf', update), {
        name: 'StoreBusyError',
        code: 'SLIPWAY_STORE_BUSY',
        message: /more than 50 ms/,
      });
      await assert.rejects(
        store.appendLogs([{ workflow: 'wf', nodeId: 'n', stream: 'stdout', text: 'x', at: 1 }]),
        {
          code: 'SLIPWAY_STORE_BUSY',
        },
      );
      // Readers are never blocked by a writer in WAL mode.
      assert.deepEqual((await store.getWorkflow('wf'))?.status, workflowRecord('wf').status);
      other.exec('COMMIT');
      await store.saveWorkflow('wf', update);
      assert.deepEqual((await store.getWorkflow('wf'))?.status, { n: 1 });
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reports a damaged JSON column with SLIPWAY_STORE_CORRUPT', async () => {
    const dir = tempDir();
    const path = join(dir, 'bad.db');
    const store = new SqliteStore(path);
    try {
      await store.createWorkflow(workflowRecord('wf'));
      await store.putSecret('s', { k: 'v' });
      const raw = new Database(path);
      raw.exec(`UPDATE workflows SET status = '{"cut'; UPDATE secrets SET data = '{"k": 1}'`);
      raw.close();
      await assert.rejects(store.getWorkflow('wf'), {
        code: 'SLIPWAY_STORE_CORRUPT',
        message: /`wf` status/,
      });
      await assert.rejects(store.getSecret('s'), { code: 'SLIPWAY_STORE_CORRUPT', message: /key `k`/ });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('log queries and the phase filter use their indexes', async () => {
    const dir = tempDir();
    const path = join(dir, 'plan.db');
    try {
      await new SqliteStore(path).close();
      const raw = new Database(path);
      const plan = (sql: string, params: object | unknown[]) =>
        raw
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...(Array.isArray(params) ? params : [params]))
          .map((row) => row.detail)
          .join('\n');
      const logs = { workflow: 'w', afterSeq: 0, limit: -1 };
      assert.match(
        plan(SQL.readLogs, logs),
        /USING INDEX logs_workflow_seq|USING COVERING INDEX|PRIMARY KEY/,
      );
      assert.doesNotMatch(plan(SQL.readLogs, logs), /SCAN logs/);
      assert.match(plan(SQL.readNodeLogs, { ...logs, nodeId: 'n' }), /logs_workflow_node_seq/);
      assert.doesNotMatch(plan(SQL.readNodeLogs, { ...logs, nodeId: 'n' }), /TEMP B-TREE/);
      assert.match(plan(SQL.listWorkflowsByPhase, ['["Running"]']), /workflows_phase/);
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default path is ~/.slipway/slipway.db under the home directory given', () => {
    assert.equal(defaultSqlitePath('/home/ci'), '/home/ci/.slipway/slipway.db');
  });
});
