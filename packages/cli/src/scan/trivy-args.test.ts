import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTrivyArgs } from './trivy-args';

describe("Trivy's arguments", () => {
  test('image --input with severity, exit code, format and output, in both flag spellings', () => {
    const { command, request } = parseTrivyArgs([
      'image',
      '--input=build/image.tar',
      '--severity',
      'HIGH,critical',
      '--exit-code=1',
      '-f',
      'sarif',
      '--output',
      'trivy.sarif',
      '--ignore-unfixed',
      '--no-progress',
      '--skip-dirs',
      '/usr/share,tmp',
      '--skip-files=**/*.pem',
      '--cache-dir',
      '.trivycache',
      '--timeout',
      '10m',
    ]);
    assert.equal(command, 'image');
    assert.deepEqual(request.target, { kind: 'image-archive', path: 'build/image.tar' });
    assert.deepEqual(request.severities, ['HIGH', 'CRITICAL']);
    assert.equal(request.exitCode, 1);
    assert.equal(request.format, 'sarif');
    assert.equal(request.output, 'trivy.sarif');
    assert.equal(request.ignoreUnfixed, true);
    assert.deepEqual(request.skipDirs, ['/usr/share', 'tmp']);
    assert.deepEqual(request.skipFiles, ['**/*.pem']);
    assert.deepEqual([request.vulnerabilities, request.secrets], [true, true]);
  });

  test('image REF, a leading `trivy`, global flags before the command, --scanners', () => {
    const { request } = parseTrivyArgs([
      'trivy',
      '--quiet',
      'image',
      '--scanners',
      'vuln',
      'registry.example/app:1',
    ]);
    assert.deepEqual(request.target, { kind: 'image-reference', reference: 'registry.example/app:1' });
    assert.equal(request.quiet, true);
    assert.deepEqual([request.vulnerabilities, request.secrets], [true, false]);
    assert.equal(request.format, 'table');
    assert.equal(request.exitCode, 0);
  });

  test('filesystem and fs scan a directory; format cyclonedx and spdx-json', () => {
    assert.deepEqual(parseTrivyArgs(['filesystem', '.', '--format', 'cyclonedx']).request.target, {
      kind: 'directory',
      path: '.',
    });
    const fs = parseTrivyArgs(['fs', '--format=spdx-json', '--scanners=secret', 'src']);
    assert.equal(fs.command, 'filesystem');
    assert.equal(fs.request.format, 'spdx-json');
    assert.deepEqual([fs.request.vulnerabilities, fs.request.secrets], [false, true]);
  });

  test('unknown flags, commands and values are errors naming them', () => {
    assert.throws(
      () => parseTrivyArgs(['image', '--input', 'x.tar', '--frobnicate']),
      /unknown flag `--frobnicate`/,
    );
    assert.throws(() => parseTrivyArgs(['config', '.']), /`config` is not a command/);
    assert.throws(
      () => parseTrivyArgs(['image', '--format', 'template', 'x']),
      /`template` is not supported/,
    );
    assert.throws(() => parseTrivyArgs(['image', '--severity', 'SEVERE', 'x']), /`SEVERE`/);
    assert.throws(() => parseTrivyArgs(['image', '--exit-code', 'one', 'x']), /--exit-code/);
    assert.throws(() => parseTrivyArgs(['image', '--input']), /--input needs a value/);
    assert.throws(() => parseTrivyArgs(['image']), /--input is required/);
    assert.throws(() => parseTrivyArgs(['image', '--timeout', 'soon', 'x']), /duration/);
  });
});
