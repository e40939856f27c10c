import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadDocuments } from './load-documents';
import { readSources, SourceNotFoundError } from './read-sources';

const wf = (name: string) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: ${name}}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container: {image: "busybox:1.36"}\n`;

describe('loadDocuments', () => {
  test('reads every document of a multi-document file, skipping other APIs and empty documents', () => {
    const text = `${wf('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n---\n${wf('b')}`;
    const result = loadDocuments([{ file: 'f.yaml', text }]);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.manifests.map((m) => [m.name, m.index]),
      [
        ['a', 0],
        ['b', 3],
      ],
    );
    assert.deepEqual(result.ignored, [{ file: 'f.yaml', index: 1, apiVersion: 'v1', kind: 'ConfigMap' }]);
  });

  test('keeps the position of every value', () => {
    const result = loadDocuments([{ file: 'f.yaml', text: wf('a') }]);
    const manifest = result.manifests[0]!.manifest;
    assert.equal(manifest.kind, 'Workflow');
    const template = manifest.kind === 'Workflow' ? manifest.spec.templates![0]! : undefined;
    assert.ok(template);
    assert.deepEqual(result.sourceMap.rangeOf(template, 'name')?.start, { line: 7, col: 13 });
    assert.deepEqual(result.sourceMap.rangeOf(template.container!, 'image')?.start, { line: 8, col: 26 });
  });

  test('reads YAML as Argo does: yes is a boolean, 1:20 and dates stay strings, a lone dot is a string', () => {
    const text = `${wf('a')}  arguments:\n    parameters:\n      - {name: a, value: yes}\n      - {name: b, value: 1:20}\n      - {name: c, value: 2024-01-02}\n      - {name: d, value: .}\n      - {name: e, value: 0777}\n`;
    const result = loadDocuments([{ file: 'f.yaml', text }]);
    const manifest = result.manifests[0]!.manifest;
    const values =
      manifest.kind === 'Workflow' ? manifest.spec.arguments?.parameters?.map((p) => p.value) : [];
    assert.deepEqual(values, ['true', '1:20', '2024-01-02', '.', '511']);
  });

  test('a script template without source loads, as Argo accepts it (e2e/functional/dag-empty-param.yaml)', () => {
    const text = wf('a').replace(
      'container: {image: "busybox:1.36"}',
      'script: {image: alpine, args: [echo]}',
    );
    const result = loadDocuments([{ file: 'f.yaml', text }]);
    assert.deepEqual(result.diagnostics, []);
    const manifest = result.manifests[0]!.manifest;
    const template = manifest.kind === 'Workflow' ? manifest.spec.templates![0]! : undefined;
    assert.deepEqual(template?.script, { image: 'alpine', args: ['echo'] });
  });

  test('wrong apiVersion, unknown kind with a suggestion, no kind, not a map', () => {
    const result = loadDocuments([
      { file: 'a.yaml', text: 'apiVersion: argoproj.io/v1\nkind: Workflow\nspec: {}\n' },
      { file: 'b.yaml', text: 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplat\nspec: {}\n' },
      { file: 'c.yaml', text: 'apiVersion: argoproj.io/v1alpha1\nspec: {}\n' },
      { file: 'd.yaml', text: '- a\n- b\n' },
    ]);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.range.file, d.range.start.line, d.code, d.suggestion]),
      [
        ['a.yaml', 1, 'SLIPWAY_LOAD_API_VERSION', undefined],
        ['b.yaml', 2, 'SLIPWAY_LOAD_KIND', 'did you mean `WorkflowTemplate`?'],
        ['c.yaml', 1, 'SLIPWAY_LOAD_NO_KIND', undefined],
        ['d.yaml', 1, 'SLIPWAY_LOAD_NOT_A_MANIFEST', undefined],
      ],
    );
  });

  test('a YAML syntax error is a diagnostic with its position', () => {
    const result = loadDocuments([{ file: 'bad.yaml', text: 'kind: Workflow\nspec:\n  args: [a, b]-x\n' }]);
    assert.equal(result.diagnostics[0]?.code, 'SLIPWAY_YAML_SYNTAX');
    assert.equal(result.diagnostics[0]?.range.start.line, 3);
    assert.equal(result.manifests.length, 0);
  });

  test('duplicate keys warn and the later value wins, as in go-yaml', () => {
    const text = wf('a').replace('metadata: {name: a}', 'metadata: {name: a, name: b}');
    const result = loadDocuments([{ file: 'f.yaml', text }]);
    assert.equal(result.manifests[0]?.name, 'b');
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'SLIPWAY_SPEC_DUPLICATE_KEY']],
    );
  });

  test('under-indented continuation lines of a quoted scalar load, with positions of the file as written', () => {
    const text = `${wf('a').replace('container: {image: "busybox:1.36"}', 'container:\n        image: busybox:1.36\n        args: ["\n          echo hi\n        "]\n        bogus: 1')}`;
    const result = loadDocuments([{ file: 'f.yaml', text: text.replace('\n        "]', '\n      "]') }]);
    const unknown = result.diagnostics.find((d) => d.code === 'SLIPWAY_SPEC_UNKNOWN_FIELD');
    assert.ok(unknown, JSON.stringify(result.diagnostics));
    assert.deepEqual(unknown.range.start, { line: 13, col: 9 });
  });
});

describe('readSources', () => {
  test('walks directories in name order for .yaml, .yml and .json, and reads stdin for -', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-sources-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.yml'), 'b');
    writeFileSync(join(dir, 'a.yaml'), 'a');
    writeFileSync(join(dir, 'sub', 'c.json'), 'c');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const sources = await readSources([dir, '-'], { stdin: async () => 'from stdin' });
    assert.deepEqual(
      sources.map((s) => s.text),
      ['a', 'b', 'c', 'from stdin'],
    );
    assert.equal(sources[3]?.file, '<stdin>');
  });

  test('a missing path is a clear error', async () => {
    await assert.rejects(readSources(['/nonexistent/x.yaml']), SourceNotFoundError);
  });
});
