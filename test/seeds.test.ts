import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Diagnostic, lint, loadDocuments, readSources } from '@slipway/core';

const fixtures = join(import.meta.dirname, 'fixtures', 'seeds');

async function lintFixture(name: string): Promise<string[]> {
  const diagnostics: Diagnostic[] = lint(loadDocuments(await readSources([join(fixtures, name)])));
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.severity} ${d.code}`);
}

test('the single-registry CI pipeline: folded crane script, broken tags, stray quote, floating images', async () => {
  assert.deepEqual(await lintFixture('image-ci-template.yaml'), [
    '22:16 warning SLIPWAY_LINT_STRAY_QUOTE',
    '79:16 warning SLIPWAY_LINT_IMAGE_TAG',
    '94:16 warning SLIPWAY_LINT_IMAGE_TAG',
    '125:17 warning SLIPWAY_LINT_FOLDED_SCRIPT',
    '126:68 warning SLIPWAY_LINT_TAG_WHITESPACE',
    '127:63 warning SLIPWAY_LINT_TAG_WHITESPACE',
  ]);
});

test('the folded script warning says the two crane commands run as one', async () => {
  const diagnostics = lint(loadDocuments(await readSources([join(fixtures, 'image-ci-template.yaml')])));
  const folded = diagnostics.find((d) => d.code === 'SLIPWAY_LINT_FOLDED_SCRIPT');
  assert.match(
    folded?.message ?? '',
    /its 2 lines are joined with spaces into ONE shell command \(`crane auth … crane push …`\)/,
  );
});

test('the two-registry release: templateRefs to templates not given, an argument nobody declares', async () => {
  assert.deepEqual(await lintFixture('image-build.yaml'), [
    '80:21 warning SLIPWAY_LINT_UNDECLARED_WORKFLOW_PARAMETER',
    '117:25 warning SLIPWAY_LINT_UNDECLARED_ARGUMENT',
    '139:21 error SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
    '152:21 error SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
  ]);
});

test("Slipway's own CI pipeline example lints clean", async () => {
  const diagnostics = lint(
    loadDocuments(await readSources([join(import.meta.dirname, '..', 'examples', 'ci-pipeline')])),
  );
  assert.deepEqual(diagnostics, []);
});

test('the seeds as the end-to-end tests run them: no errors, only what the seeds chose to keep', async () => {
  assert.deepEqual(await lintFixture('ci-template'), [
    '109:16 warning SLIPWAY_LINT_IMAGE_TAG',
    '125:16 warning SLIPWAY_LINT_IMAGE_TAG',
    '152:16 warning SLIPWAY_LINT_IMAGE_TAG',
  ]);
  assert.deepEqual(await lintFixture('build-docker'), [
    '39:25 warning SLIPWAY_LINT_UNDECLARED_ARGUMENT',
    '45:21 warning SLIPWAY_LINT_UNDECLARED_WORKFLOW_PARAMETER',
  ]);
});
