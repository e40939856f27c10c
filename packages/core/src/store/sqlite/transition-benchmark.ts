// Measures how fast the SQLite store persists engine transitions (saveWorkflow with a large status).
// Run directly to print the figures: node --import tsx packages/core/src/store/sqlite/transition-benchmark.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigStatus, workflowRecord } from '../suite/fixtures';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store';

/** What `measureTransitions` found. */
export interface TransitionFigures {
  readonly transitions: number;
  /** Size of one serialized status (bytes of JSON). */
  readonly statusBytes: number;
  /** Wall time of all the saveWorkflow calls, serialization included (ms). */
  readonly totalMs: number;
  /** Of which time spent inside JSON.stringify (V8's cost, not the store's) (ms). */
  readonly serializeMs: number;
}

/**
 * Saves `transitions` transitions of an Argo-like status of about `statusBytes` bytes, one awaited
 * saveWorkflow after another as the engine does, into a fresh database file in a temporary directory.
 */
export async function measureTransitions(
  options: { transitions?: number; statusBytes?: number; store?: SqliteStoreOptions } = {},
): Promise<TransitionFigures> {
  const transitions = options.transitions ?? 10_000;
  const status = bigStatus(options.statusBytes ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const store = new SqliteStore(join(dir, 'bench.db'), options.store);
  // JSON.stringify is timed where the store calls it: serializing 500 MB of JSON is a large, machine-
  // dependent share of the total that no store can avoid, and timing it apart from the run is too noisy.
  const stringify = JSON.stringify;
  let serializeMs = 0;
  try {
    await store.createWorkflow(workflowRecord('bench'));
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      const started = performance.now();
      const text = stringify(...args);
      serializeMs += performance.now() - started;
      return text;
    }) as typeof stringify;
    const started = performance.now();
    for (let i = 0; i < transitions; i++) {
      status.counter = i;
      await store.saveWorkflow('bench', {
        status,
        engineState: { counter: i },
        phase: 'Running',
        updatedAt: i,
      });
    }
    const totalMs = performance.now() - started;
    JSON.stringify = stringify;
    return { transitions, statusBytes: stringify(status).length, totalMs, serializeMs };
  } finally {
    JSON.stringify = stringify;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const synchronous of ['normal', 'full'] as const) {
    const transitions = synchronous === 'full' ? 1000 : 10_000;
    const f = await measureTransitions({ transitions, store: { synchronous } });
    const perUs = (ms: number) => ((ms * 1000) / f.transitions).toFixed(0);
    console.log(
      `synchronous=${synchronous}: ${f.transitions} transitions of a ${(f.statusBytes / 1000).toFixed(1)} kB status ` +
        `in ${f.totalMs.toFixed(0)} ms (${perUs(f.totalMs)} µs each): JSON.stringify ${f.serializeMs.toFixed(0)} ms, ` +
        `store ${(f.totalMs - f.serializeMs).toFixed(0)} ms (${perUs(f.totalMs - f.serializeMs)} µs each)`,
    );
  }
}
