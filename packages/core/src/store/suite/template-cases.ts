import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TemplateKind } from '../store';
import { type StoreFactory, withStore } from './harness';

const KINDS: readonly TemplateKind[] = ['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];

function manifest(kind: TemplateKind, name: string, extra: object = {}): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind,
    metadata: { name },
    spec: { entrypoint: 'main' },
    ...extra,
  };
}

/** Registers the tests of storing WorkflowTemplates, ClusterWorkflowTemplates and CronWorkflows. */
export function templateCases(makeStore: StoreFactory): void {
  test(
    'each kind keeps its own templates, even under the same name',
    withStore(makeStore, async (store) => {
      for (const kind of KINDS) await store.putTemplate(kind, 'shared', manifest(kind, 'shared'));
      for (const kind of KINDS) {
        assert.deepEqual(await store.getTemplate(kind, 'shared'), manifest(kind, 'shared'));
        assert.deepEqual(await store.listTemplates(kind), [
          { name: 'shared', manifest: manifest(kind, 'shared') },
        ]);
      }
    }),
  );

  test(
    'put replaces a template; list is by name',
    withStore(makeStore, async (store) => {
      await store.putTemplate('WorkflowTemplate', 'build', manifest('WorkflowTemplate', 'build'));
      await store.putTemplate('WorkflowTemplate', 'alpha', manifest('WorkflowTemplate', 'alpha'));
      const replaced = manifest('WorkflowTemplate', 'build', { labels: { v: '2' } });
      await store.putTemplate('WorkflowTemplate', 'build', replaced);
      assert.deepEqual(await store.getTemplate('WorkflowTemplate', 'build'), replaced);
      assert.deepEqual(await store.listTemplates('WorkflowTemplate'), [
        { name: 'alpha', manifest: manifest('WorkflowTemplate', 'alpha') },
        { name: 'build', manifest: replaced },
      ]);
      assert.deepEqual(await store.listTemplates('CronWorkflow'), []);
    }),
  );

  test(
    'delete removes a template of one kind only, once',
    withStore(makeStore, async (store) => {
      await store.putTemplate('WorkflowTemplate', 't', manifest('WorkflowTemplate', 't'));
      await store.putTemplate('CronWorkflow', 't', manifest('CronWorkflow', 't'));
      assert.equal(await store.deleteTemplate('WorkflowTemplate', 't'), true);
      assert.equal(await store.deleteTemplate('WorkflowTemplate', 't'), false);
      assert.equal(await store.getTemplate('WorkflowTemplate', 't'), undefined);
      assert.deepEqual(await store.getTemplate('CronWorkflow', 't'), manifest('CronWorkflow', 't'));
      assert.equal(await store.deleteTemplate('ClusterWorkflowTemplate', 'never'), false);
    }),
  );

  test(
    'an unknown template reads as undefined',
    withStore(makeStore, async (store) => {
      assert.equal(await store.getTemplate('ClusterWorkflowTemplate', 'nope'), undefined);
    }),
  );
}
