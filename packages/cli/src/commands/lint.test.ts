import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const main = join(import.meta.dirname, '..', 'main.ts');

function slipway(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-lint-'));
const good = join(dir, 'good.yaml');
const bad = join(dir, 'bad.yaml');
writeFileSync(
  good,
  `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: hello-}
spec:
  entrypoint: main
  templates:
    - name: main
      container: {image: "busybox:1.36", command: [echo, hi]}
`,
);
writeFileSync(
  bad,
  `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: mian\n  templates:\n    - name: main\n      container: {image: "busybox:1.36"}\n`,
);

describe('slipway lint', () => {
  test('exits 0 on a clean file and says so', () => {
    const run = slipway(['lint', good]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /0 errors, 0 warnings in 1 file \(1 manifest\)/);
  });

  test('exits 1 with file:line:col diagnostics on errors, plain text when not a TTY', () => {
    const run = slipway(['lint', bad]);
    assert.equal(run.status, 1);
    assert.ok(
      run.stdout.includes(
        `${bad}:5:15: error: entrypoint \`mian\` is not a template of this Workflow [SLIPWAY_LINT_UNKNOWN_ENTRYPOINT]`,
      ),
    );
    assert.match(run.stdout, /help: did you mean `main`\?/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour escapes');
  });

  test('-o json reports diagnostics and manifests', () => {
    const run = slipway(['lint', '-o', 'json', bad, good]);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.summary.errors, 1);
    assert.equal(report.manifests.length, 2);
    assert.equal(report.diagnostics[0].range.start.line, 5);
  });

  test('reads standard input with -', () => {
    const run = slipway(['lint', '-'], 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {}\n');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /<stdin>:3:7: error: `spec.entrypoint` is required/);
  });

  test('exits 2 on usage errors: missing path, unknown option, bad format', () => {
    assert.equal(slipway(['lint', join(dir, 'missing.yaml')]).status, 2);
    assert.equal(slipway(['lint', '--bogus', good]).status, 2);
    assert.equal(slipway(['lint', '-o', 'xml', good]).status, 2);
    assert.equal(slipway(['lint']).status, 2);
  });

  test('--no-strict turns unknown fields into warnings', () => {
    const file = join(dir, 'unknown.yaml');
    writeFileSync(
      file,
      `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container: {image: "busybox:1.36", someExtraField: 1}\n`,
    );
    assert.equal(slipway(['lint', file]).status, 1);
    assert.equal(slipway(['lint', '--no-strict', file]).status, 0);
  });
});
