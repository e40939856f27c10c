import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, loadDocuments } from '@slipway/core';
import { generateDagWorkflow } from './generate';

test('the generated benchmark DAG is a valid workflow that lints without errors', () => {
  const diagnostics = lint(loadDocuments([{ file: 'dag.yaml', text: generateDagWorkflow(50) }]));
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});
