import assert from 'node:assert/strict';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { workflowRecord } from '../suite/fixtures';
import { SqliteStore } from './sqlite-store';

const WRITER = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'crash-writer.ts');
const ITERATIONS = 4;
const TRANSITIONS = 500;
// 16 kB a status: 500 of them fill the WAL past its 1000-page autocheckpoint, so some kills land during
// a checkpoint, and each commit spans several pages, so some land in the middle of writing one.
const PAD_BYTES = 16_384;
const WORKFLOW = 'crash';

interface Transition {
  counter: number;
  status: { counter: number; pad: string };
  engineState: { counter: number };
  updatedAt: number;
}

/** A crash-writer child, started ahead of time so that tsx's start-up overlaps the other iterations. */
class Writer {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  readonly #lines: AsyncIterator<string>;
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(path: string) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, WORKFLOW, String(PAD_BYTES)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // A child killed before it read its command closes the pipe: EPIPE then is expected, not a failure.
    this.#child.stdin.on('error', () => {});
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
    this.exited = new Promise((resolve) =>
      this.#child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
  }

  async ready(): Promise<void> {
    assert.deepEqual(await this.#lines.next(), { done: false, value: 'ready' });
  }

  /**
   * Starts writing counters `first…first+TRANSITIONS-1`, SIGKILLs the child as soon as it has reported
   * `killAt` (right away when `killAt < first`), calls `onProgress` as reports arrive, and returns the
   * last counter the child reported as committed (`first - 1` if none).
   */
  async run(first: number, killAt: number, onProgress: (reported: number) => Promise<void>): Promise<number> {
    this.#child.stdin.end(`${first} ${TRANSITIONS}\n`);
    if (killAt < first) this.kill();
    let reported = first - 1;
    // Reading on after the kill collects what the child wrote to the pipe before it died.
    for (let next = await this.#lines.next(); !next.done; next = await this.#lines.next()) {
      reported = Number(next.value);
      assert.ok(Number.isInteger(reported), `unexpected writer output ${next.value}`);
      if (reported >= killAt) this.kill();
      await onProgress(reported);
    }
    return reported;
  }

  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}

function readTransition(record: Awaited<ReturnType<SqliteStore['getWorkflow']>>): Transition {
  assert.ok(record);
  const status = record.status as Transition['status'];
  const engineState = record.engineState as Transition['engineState'];
  return { counter: status.counter, status, engineState, updatedAt: record.updatedAt };
}

/** Checks that one transition is there whole: every field from the same saveWorkflow call. */
function assertWhole(t: Transition): void {
  assert.equal(t.engineState.counter, t.counter);
  assert.equal(t.updatedAt, t.counter);
  assert.equal(t.status.pad.length, t.counter === 0 ? 0 : PAD_BYTES);
}

test('transitions committed before a SIGKILL survive it, and the database stays intact', {
  timeout: 30_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-crash-'));
  const path = join(dir, 'slipway.db');
  const writers: Writer[] = [];
  // Another process's connection stays open while the writers run and die (closed before the last
  // iteration, so that one also recovers a WAL that no live connection has seen).
  let watcher: SqliteStore | undefined = new SqliteStore(path);
  try {
    await watcher.createWorkflow(
      workflowRecord(WORKFLOW, {
        status: { counter: 0, pad: '' },
        engineState: { counter: 0 },
        phase: 'Running',
        updatedAt: 0,
      }),
    );
    for (let i = 0; i < ITERATIONS; i++) writers.push(new Writer(path));
    let committed = 0;
    for (const [i, writer] of writers.entries()) {
      await writer.ready();
      if (i === ITERATIONS - 1) {
        await watcher?.close();
        watcher = undefined;
      }
      const first = committed + 1;
      // Anywhere from before the first commit to near the end of the run.
      const killAt = first - 1 + Math.floor(Math.random() * TRANSITIONS);
      const reported = await writer.run(first, killAt, async (progress) => {
        if (!watcher) return;
        // Another process sees every reported commit, whole, while the writer keeps writing.
        const seen = readTransition(await watcher.getWorkflow(WORKFLOW));
        assertWhole(seen);
        assert.ok(seen.counter >= progress, `watcher saw ${seen.counter} after ${progress} was reported`);
      });
      const exit = await writer.exited;
      assert.ok(exit === 'SIGKILL' || exit === 0, `writer exited with ${String(exit)}`);

      const reopened = new SqliteStore(path);
      const last = readTransition(await reopened.getWorkflow(WORKFLOW));
      await reopened.close();
      assertWhole(last);
      // Everything reported is durable; at most one more commit may have landed before the report.
      assert.ok(
        last.counter === reported || last.counter === reported + 1,
        `iteration ${i}: child reported ${reported}, database has ${last.counter} (killAt ${killAt})`,
      );
      assert.ok(last.counter < first + TRANSITIONS);
      const raw = new Database(path);
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(raw.pragma('foreign_key_check'), []);
      raw.close();
      committed = last.counter;
    }
    assert.ok(committed > 0);
  } finally {
    for (const writer of writers) writer.kill();
    await Promise.all(writers.map((writer) => writer.exited));
    await watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
