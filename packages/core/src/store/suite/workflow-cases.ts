import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bigStatus, workflowRecord } from './fixtures';
import { type StoreFactory, withStore } from './harness';

/** Registers the tests of creating, reading, listing, saving and deleting workflows. */
export function workflowCases(makeStore: StoreFactory): void {
  test(
    'a created workflow reads back as it was given',
    withStore(makeStore, async (store) => {
      const record = workflowRecord('hello');
      await store.createWorkflow(record);
      assert.deepEqual(await store.getWorkflow('hello'), record);
    }),
  );

  test(
    'an unknown workflow reads as undefined',
    withStore(makeStore, async (store) => {
      assert.equal(await store.getWorkflow('nope'), undefined);
    }),
  );

  test(
    'a taken name is refused with SLIPWAY_STORE_EXISTS and the stored workflow is untouched',
    withStore(makeStore, async (store) => {
      const first = workflowRecord('dup');
      await store.createWorkflow(first);
      await assert.rejects(store.createWorkflow(workflowRecord('dup', { uid: 'other', phase: 'Running' })), {
        name: 'WorkflowExistsError',
        code: 'SLIPWAY_STORE_EXISTS',
        message: /`dup` already exists/,
      });
      assert.deepEqual(await store.getWorkflow('dup'), first);
    }),
  );

  test(
    'JSON values keep their exact shape, and undefined stays distinct from null',
    withStore(makeStore, async (store) => {
      const odd = {
        unicode: 'ünïcödé ✓ 🚀 日本語',
        escapes: '"quotes" \\ back\nslash\ttab \u2028',
        numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER],
        nested: { a: [{ b: [null, true, false] }], empty: {}, list: [] },
      };
      await store.createWorkflow(
        workflowRecord('shapes', { manifest: odd, status: null, engineState: undefined }),
      );
      const got = await store.getWorkflow('shapes');
      assert.deepEqual(got?.manifest, odd);
      assert.equal(got?.status, null);
      assert.equal(got?.engineState, undefined);
      await store.saveWorkflow('shapes', {
        status: undefined,
        engineState: null,
        phase: 'Running',
        updatedAt: 2,
      });
      const saved = await store.getWorkflow('shapes');
      assert.equal(saved?.status, undefined);
      assert.equal(saved?.engineState, null);
    }),
  );

  test(
    'list returns every workflow by creation time, then name',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('c', { createdAt: 3 }));
      await store.createWorkflow(workflowRecord('b', { createdAt: 1 }));
      await store.createWorkflow(workflowRecord('a', { createdAt: 3 }));
      const names = (await store.listWorkflows()).map((w) => w.name);
      assert.deepEqual(names, ['b', 'a', 'c']);
      assert.deepEqual(await store.listWorkflows({}), await store.listWorkflows());
    }),
  );

  test(
    'list filters by any of several phases; an empty phase list matches nothing',
    withStore(makeStore, async (store) => {
      const phases = ['Pending', 'Running', 'Succeeded', 'Failed', 'Running'];
      for (const [i, phase] of phases.entries()) {
        await store.createWorkflow(workflowRecord(`wf-${i}`, { phase, createdAt: i }));
      }
      const names = async (phase: string[]) => (await store.listWorkflows({ phase })).map((w) => w.name);
      assert.deepEqual(await names(['Running']), ['wf-1', 'wf-4']);
      assert.deepEqual(await names(['Failed', 'Pending']), ['wf-0', 'wf-3']);
      assert.deepEqual(await names(['Error']), []);
      assert.deepEqual(await names([]), []);
      await store.saveWorkflow('wf-0', { status: {}, engineState: {}, phase: 'Running', updatedAt: 9 });
      assert.deepEqual(await names(['Running']), ['wf-0', 'wf-1', 'wf-4']);
    }),
  );

  test(
    'save replaces status, engine state, phase and updatedAt, and keeps the rest',
    withStore(makeStore, async (store) => {
      const record = workflowRecord('save-me');
      await store.createWorkflow(record);
      const update = {
        status: { phase: 'Running', nodes: { n1: { phase: 'Running' } } },
        engineState: { version: 1, queue: ['n2'] },
        phase: 'Running',
        updatedAt: record.updatedAt + 1000,
      };
      await store.saveWorkflow('save-me', update);
      assert.deepEqual(await store.getWorkflow('save-me'), { ...record, ...update });
    }),
  );

  test(
    'saving an unknown workflow is refused with SLIPWAY_STORE_NOT_FOUND',
    withStore(makeStore, async (store) => {
      await assert.rejects(
        store.saveWorkflow('ghost', { status: {}, engineState: {}, phase: 'Running', updatedAt: 1 }),
        {
          name: 'WorkflowNotFoundError',
          code: 'SLIPWAY_STORE_NOT_FOUND',
        },
      );
      assert.equal(await store.getWorkflow('ghost'), undefined);
    }),
  );

  test(
    'delete removes the workflow once, and the name can be used again',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('gone'));
      await store.createWorkflow(workflowRecord('kept'));
      assert.equal(await store.deleteWorkflow('gone'), true);
      assert.equal(await store.deleteWorkflow('gone'), false);
      assert.equal(await store.getWorkflow('gone'), undefined);
      assert.deepEqual(
        (await store.listWorkflows()).map((w) => w.name),
        ['kept'],
      );
      const again = workflowRecord('gone', { uid: 'second' });
      await store.createWorkflow(again);
      assert.deepEqual(await store.getWorkflow('gone'), again);
    }),
  );

  test(
    'multi-megabyte statuses and engine states round-trip through create and save',
    withStore(makeStore, async (store) => {
      const status = bigStatus(1_500_000, 1);
      const engineState = { blob: 'x'.repeat(2_000_000), list: Array.from({ length: 10_000 }, (_, i) => i) };
      await store.createWorkflow(workflowRecord('big', { status, engineState }));
      assert.deepEqual(await store.getWorkflow('big'), workflowRecord('big', { status, engineState }));
      const next = bigStatus(2_000_000, 2);
      await store.saveWorkflow('big', {
        status: next,
        engineState: { small: true },
        phase: 'Running',
        updatedAt: 5,
      });
      const got = await store.getWorkflow('big');
      assert.deepEqual(got?.status, next);
      assert.deepEqual(got?.engineState, { small: true });
    }),
  );

  test(
    'concurrent saves each land whole: the final record is one save, never a mix',
    withStore(makeStore, async (store) => {
      await store.createWorkflow(workflowRecord('hot'));
      const others = Array.from({ length: 10 }, (_, i) => `cold-${i}`);
      await Promise.all(others.map((name) => store.createWorkflow(workflowRecord(name))));
      const saves = Array.from({ length: 50 }, (_, n) =>
        store.saveWorkflow('hot', { status: { n }, engineState: { n }, phase: `P${n}`, updatedAt: n }),
      );
      const coldSaves = others.map((name, n) =>
        store.saveWorkflow(name, { status: { name }, engineState: { n }, phase: 'Running', updatedAt: n }),
      );
      await Promise.all([...saves, ...coldSaves]);
      const hot = await store.getWorkflow('hot');
      assert.ok(hot);
      const n = (hot.status as { n: number }).n;
      assert.ok(Number.isInteger(n) && n >= 0 && n < 50);
      assert.deepEqual(
        { status: hot.status, engineState: hot.engineState, phase: hot.phase, updatedAt: hot.updatedAt },
        { status: { n }, engineState: { n }, phase: `P${n}`, updatedAt: n },
      );
      for (const [n, name] of others.entries()) {
        const cold = await store.getWorkflow(name);
        assert.deepEqual([cold?.status, cold?.engineState], [{ name }, { n }]);
      }
    }),
  );

  test(
    'close can be called twice',
    withStore(makeStore, async (store) => {
      await store.close();
      await store.close();
    }),
  );
}
