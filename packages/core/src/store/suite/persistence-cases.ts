import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../store';
import { workflowRecord } from './fixtures';
import type { StoreFactory, StoreHandle } from './harness';

/** Like `withStore`, for stores that can be reopened; a factory without `reopen` fails the test. */
function withReopenableStore(
  makeStore: StoreFactory,
  body: (store: Store, handle: StoreHandle) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const handle = await makeStore();
    try {
      assert.ok(handle.reopen, 'the persistence cases need a factory whose stores can be reopened');
      await body(handle.store, handle);
    } finally {
      await handle.cleanup();
    }
  };
}

/** Runs `body` on a reopened store and closes that store afterwards. */
async function withReopened(handle: StoreHandle, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await handle.reopen!();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** Registers the tests that need a second connection to the same data (factories with `reopen`). */
export function persistenceCases(makeStore: StoreFactory): void {
  test(
    'everything survives close and reopen, and log sequence numbers keep increasing',
    withReopenableStore(makeStore, async (store, handle) => {
      await store.createWorkflow(workflowRecord('wf'));
      await store.saveWorkflow('wf', {
        status: { step: 2 },
        engineState: { q: [1] },
        phase: 'Running',
        updatedAt: 7,
      });
      await store.appendLogs([{ workflow: 'wf', nodeId: 'a', stream: 'stdout', text: 'before', at: 1 }]);
      await store.putTemplate('CronWorkflow', 'nightly', { kind: 'CronWorkflow' });
      await store.putSecret('s', { k: 'v' });
      await store.putConfigMap('c', { k: 'v' });
      const before = await store.readLogs('wf');
      await store.close();

      await withReopened(handle, async (again) => {
        assert.deepEqual(await again.getWorkflow('wf'), {
          ...workflowRecord('wf'),
          status: { step: 2 },
          engineState: { q: [1] },
          phase: 'Running',
          updatedAt: 7,
        });
        assert.deepEqual(await again.readLogs('wf'), before);
        assert.deepEqual(await again.getTemplate('CronWorkflow', 'nightly'), { kind: 'CronWorkflow' });
        assert.deepEqual(await again.getSecret('s'), { k: 'v' });
        assert.deepEqual(await again.getConfigMap('c'), { k: 'v' });
        await again.appendLogs([{ workflow: 'wf', nodeId: 'a', stream: 'stdout', text: 'after', at: 2 }]);
        const after = await again.readLogs('wf', { afterSeq: before.at(-1)!.seq });
        assert.deepEqual(
          after.map((e) => e.text),
          ['after'],
        );
      });
    }),
  );

  test(
    'two open stores over the same data see each other’s committed writes',
    withReopenableStore(makeStore, async (store, handle) => {
      await withReopened(handle, async (other) => {
        await store.createWorkflow(workflowRecord('shared'));
        assert.equal((await other.getWorkflow('shared'))?.name, 'shared');
        await other.saveWorkflow('shared', {
          status: { by: 'other' },
          engineState: {},
          phase: 'Running',
          updatedAt: 3,
        });
        assert.deepEqual((await store.getWorkflow('shared'))?.status, { by: 'other' });
        await assert.rejects(other.createWorkflow(workflowRecord('shared')), {
          code: 'SLIPWAY_STORE_EXISTS',
        });
        await other.appendLogs([{ workflow: 'shared', nodeId: 'n', stream: 'stderr', text: 'hi', at: 4 }]);
        assert.deepEqual(
          (await store.readLogs('shared')).map((e) => e.text),
          ['hi'],
        );
      });
    }),
  );
}
