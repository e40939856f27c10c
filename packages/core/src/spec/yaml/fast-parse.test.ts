import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lint } from '../../lint';
import { CORPUS_DIR, corpusPresent, yamlFiles } from '../../testing/corpus';
import { loadDocuments } from '../load/load-documents';
import type { Source } from '../load/read-sources';

const corpus = CORPUS_DIR;
const repoRoot = join(import.meta.dirname, '..', '..', '..', '..', '..');

/** Loads and lints through both parsers; everything a user sees must be the same. */
function assertSameResults(sources: Source[]): void {
  const fast = loadDocuments(sources);
  const full = loadDocuments(sources, { fast: false });
  assert.deepEqual(
    fast.manifests.map((m) => m.manifest),
    full.manifests.map((m) => m.manifest),
  );
  const brief = (d: ReturnType<typeof lint>) =>
    d.map((x) => `${x.range.file}:${x.range.start.line}:${x.range.start.col} ${x.code} ${x.message}`);
  assert.deepEqual(brief(lint(fast)), brief(lint(full)));
}

describe('the fast YAML path gives what the complete parser gives', () => {
  test("Slipway's own fixtures and examples", () => {
    const files = [
      ...yamlFiles(join(repoRoot, 'test', 'fixtures')),
      ...yamlFiles(join(repoRoot, 'examples')),
    ];
    assert.ok(files.length >= 3);
    assertSameResults(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  });

  test('scalar styles, empty values, flow and block collections, comments, multiple documents', () => {
    const text = `apiVersion: argoproj.io/v1alpha1 # comment
kind: Workflow
metadata:
  generateName: styles-
  labels: {a: "1", b: 'two', c: yes}
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: empty
      - name: n
        value: 0777
      - {name: q, value: "x: y"}
  templates:
    - name: main
      script:
        image: alpine:3.19
        command: [sh]
        source: >
          echo a
          echo b
      outputs:
        parameters:
          - name: o
            valueFrom:
              path: /tmp/o
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: t}
spec:
  templates:
    - name: lit
      script:
        image: alpine:3.19
        source: |
          echo {{inputs.parameters.missing}}
`;
    assertSameResults([{ file: 'styles.yaml', text }]);
  });

  test("every file of Argo's corpus", {
    skip: corpusPresent ? false : 'conformance corpus not present',
  }, () => {
    const files = yamlFiles(corpus);
    assert.ok(files.length > 400);
    for (const file of files) assertSameResults([{ file, text: readFileSync(file, 'utf8') }]);
  });
});
