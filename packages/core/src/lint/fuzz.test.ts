import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SlipwayError } from '../errors';
import { lint, loadDocuments } from '../index';

const base = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: f-}
spec:
  entrypoint: main
  arguments: {parameters: [{name: p, value: "1"}]}
  templates:
    - name: main
      dag:
        tasks:
          - {name: a, template: leaf, arguments: {parameters: [{name: x, value: "{{workflow.parameters.p}}"}]}}
          - {name: b, template: leaf, depends: "a.Succeeded || !a", when: "{{tasks.a.outputs.result}} == x", arguments: {parameters: [{name: x, value: "{{=sprig.trim(tasks.a.outputs.result)}}"}]}}
    - name: leaf
      inputs: {parameters: [{name: x}]}
      script: {image: "alpine:3.19", command: [sh], source: "echo {{inputs.parameters.x}}"}
`;

function lintOnce(text: string): void {
  let diagnostics: ReturnType<typeof lint>;
  try {
    diagnostics = lint(loadDocuments([{ file: 'fuzz.yaml', text }]));
  } catch (error) {
    assert.fail(
      `${error instanceof SlipwayError ? error.code : 'exception'}: ${String(error)}\n--- input ---\n${text}`,
    );
  }
  for (const d of diagnostics) {
    assert.ok(d.range.start.line >= 1 && d.range.start.col >= 1, 'positions are 1-based');
    assert.ok(d.message.length > 0);
  }
}

test('the loader and linter turn random text into diagnostics, never exceptions', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => lintOnce(text)),
    { numRuns: 300 },
  );
});

test('mutations of a valid workflow (cut, duplicated, spliced characters) never throw', () => {
  const mutation = fc.tuple(
    fc.nat(base.length),
    fc.nat(40),
    fc.string({ maxLength: 8, unit: fc.constantFrom(...'{}[]:-|>"\' \n#&*!=.a1') }),
  );
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      let text = base;
      for (const [at, cut, insert] of mutations) text = text.slice(0, at) + insert + text.slice(at + cut);
      lintOnce(text);
    }),
    { numRuns: 300 },
  );
});

test('the unmutated base workflow is clean, so mutations start from a valid document', () => {
  assert.deepEqual(
    lint(loadDocuments([{ file: 'base.yaml', text: base }])).filter((d) => d.severity === 'error'),
    [],
  );
});
