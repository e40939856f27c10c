import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogEntry, Store } from '../store';
import { workflowRecord } from './fixtures';
import { type StoreFactory, withStore } from './harness';

type NewLine = Omit<LogEntry, 'seq'>;

function line(
  workflow: string,
  nodeId: string,
  text: string,
  at = 1,
  stream: NewLine['stream'] = 'stdout',
): NewLine {
  return { workflow, nodeId, stream, text, at };
}

/** Reads everything after `afterSeq` page by page, to check that paging loses and repeats nothing. */
async function readAllPaged(
  store: Store,
  workflow: string,
  pageSize: number,
  nodeId?: string,
): Promise<LogEntry[]> {
  const all: LogEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await store.readLogs(workflow, { afterSeq, limit: pageSize, ...(nodeId ? { nodeId } : {}) });
    assert.ok(page.length <= pageSize);
    if (page.length === 0) return all;
    all.push(...page);
    afterSeq = page.at(-1)!.seq;
  }
}

function assertIncreasing(entries: readonly LogEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    assert.ok(entries[i]!.seq > entries[i - 1]!.seq, `seq ${entries[i]!.seq} after ${entries[i - 1]!.seq}`);
  }
}

/** Registers the tests of appending and reading node logs. */
export function logCases(makeStore: StoreFactory): void {
  test(
    'appended lines read back in order with increasing sequence numbers',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      const lines = [
        line('wf', 'a', 'first\n', 10),
        line('wf', 'b', 'ünïcödé ✓ 🚀\r\n\ttabbed', 11, 'stderr'),
        line('wf', 'a', '', 12),
        line('wf', 'a', 'x'.repeat(100_000), 13),
      ];
      await store.appendLogs(lines.slice(0, 2));
      await store.appendLogs(lines.slice(2));
      const read = await store.readLogs('wf');
      assert.deepEqual(
        read.map(({ seq: _seq, ...rest }) => rest),
        lines,
      );
      assert.ok(read.every((entry) => Number.isSafeInteger(entry.seq) && entry.seq > 0));
      assertIncreasing(read);
    }),
  );

  test(
    'afterSeq and limit page through the logs without losing or repeating a line',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      await store.appendLogs(Array.from({ length: 23 }, (_, i) => line('wf', `n${i % 3}`, `line ${i}`, i)));
      const all = await store.readLogs('wf');
      assert.equal(all.length, 23);
      assert.deepEqual(await readAllPaged(store, 'wf', 5), all);
      assert.deepEqual(await readAllPaged(store, 'wf', 1), all);
      assert.deepEqual(await store.readLogs('wf', { afterSeq: all[9]!.seq }), all.slice(10));
      assert.deepEqual(await store.readLogs('wf', { afterSeq: all.at(-1)!.seq }), []);
      assert.deepEqual(await store.readLogs('wf', { limit: 0 }), []);
      assert.deepEqual(await store.readLogs('wf', { limit: 4 }), all.slice(0, 4));
    }),
  );

  test(
    'a node filter returns only that node, in order, and pages like the whole log',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      for (let batch = 0; batch < 4; batch++) {
        await store.appendLogs(
          Array.from({ length: 6 }, (_, i) => line('wf', `n${i % 3}`, `b${batch} l${i}`)),
        );
      }
      const all = await store.readLogs('wf');
      const n1 = await store.readLogs('wf', { nodeId: 'n1' });
      assert.deepEqual(
        n1,
        all.filter((entry) => entry.nodeId === 'n1'),
      );
      assert.equal(n1.length, 8);
      assert.deepEqual(await readAllPaged(store, 'wf', 3, 'n1'), n1);
      assert.deepEqual(
        await store.readLogs('wf', { nodeId: 'n1', afterSeq: n1[2]!.seq, limit: 2 }),
        n1.slice(3, 5),
      );
      assert.deepEqual(await store.readLogs('wf', { nodeId: 'missing' }), []);
    }),
  );

  test(
    'logs of different workflows stay apart, even when one batch mixes them',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('one'));
      await store.createWorkflow(workflowRecord('two'));
      await store.appendLogs([line('one', 'a', '1a'), line('two', 'a', '2a'), line('one', 'a', '1b')]);
      assert.deepEqual(
        (await store.readLogs('one')).map((e) => [e.workflow, e.text]),
        [
          ['one', '1a'],
          ['one', '1b'],
        ],
      );
      assert.deepEqual(
        (await store.readLogs('two')).map((e) => [e.workflow, e.text]),
        [['two', '2a']],
      );
    }),
  );

  test(
    'reading the logs of an unknown workflow gives nothing; an empty append is a no-op',
    withStore(makeStore, async (store) => {
      assert.deepEqual(await store.readLogs('ghost'), []);
      await store.appendLogs([]);
    }),
  );

  test(
    'a batch naming an unknown workflow is refused whole with SLIPWAY_STORE_NOT_FOUND',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('real'));
      await assert.rejects(store.appendLogs([line('real', 'a', 'kept?'), line('ghost', 'a', 'no')]), {
        name: 'WorkflowNotFoundError',
        code: 'SLIPWAY_STORE_NOT_FOUND',
        message: /`ghost`/,
      });
      assert.deepEqual(await store.readLogs('real'), []);
    }),
  );

  test(
    'deleting a workflow deletes its logs; a workflow recreated under its name gets only higher seqs',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      await store.createWorkflow(workflowRecord('other'));
      await store.appendLogs([
        line('wf', 'a', 'old 1'),
        line('wf', 'a', 'old 2'),
        line('other', 'a', 'stays'),
      ]);
      const old = await store.readLogs('wf');
      await store.deleteWorkflow('wf');
      assert.deepEqual(await store.readLogs('wf'), []);
      assert.equal((await store.readLogs('other')).length, 1);
      await store.createWorkflow(workflowRecord('wf'));
      assert.deepEqual(await store.readLogs('wf'), []);
      await store.appendLogs([line('wf', 'a', 'new')]);
      const fresh = await store.readLogs('wf');
      assert.equal(fresh.length, 1);
      // A `logs -f` follower still holding the old seq must not skip the new workflow's lines.
      assert.ok(fresh[0]!.seq > old.at(-1)!.seq);
      assert.deepEqual(await store.readLogs('wf', { afterSeq: old.at(-1)!.seq }), fresh);
    }),
  );

  test(
    'a large batch is appended whole and in order',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      const lines = Array.from({ length: 5000 }, (_, i) => line('wf', `n${i % 7}`, `line ${i}`, i));
      await store.appendLogs(lines);
      const read = await store.readLogs('wf');
      assert.deepEqual(
        read.map((e) => e.text),
        lines.map((l) => l.text),
      );
      assertIncreasing(read);
    }),
  );

  test(
    'concurrent appends keep every line and a total order',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('wf'));
      await Promise.all(
        Array.from({ length: 20 }, (_, b) =>
          store.appendLogs(Array.from({ length: 10 }, (_, i) => line('wf', `n${b}`, `b${b} l${i}`))),
        ),
      );
      const read = await store.readLogs('wf');
      assert.equal(read.length, 200);
      assertIncreasing(read);
      for (let b = 0; b < 20; b++) {
        const node = await store.readLogs('wf', { nodeId: `n${b}` });
        assert.deepEqual(
          node.map((e) => e.text),
          Array.from({ length: 10 }, (_, i) => `b${b} l${i}`),
        );
      }
    }),
  );
}
