import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

// The README's main job, as a new user runs it after `./scripts/setup.sh` (which builds the bundled CLI and
// installs the registry, busybox-static, git and bubblewrap it starts or uses).
const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'examples', 'main-job', 'run.sh');
const ready = [
  '/usr/bin/docker-registry',
  '/usr/bin/bwrap',
  join(root, 'packages', 'cli', 'dist', 'slipway.js'),
];

if (ready.every((path) => existsSync(path)))
  test('the main job clones, builds, scans and pushes the sample app offline, and prints its summary', () => {
    const run = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const out = run.stdout + run.stderr;
    assert.equal(run.status, 0, out);
    for (const step of ['clone', 'build', 'scan-source', 'scan-image', 'push'])
      assert.match(out, new RegExp(`[├└]─✔ ${step} `), `${step} succeeded`);
    assert.match(out, /Status:\s+Succeeded/);
    const digest = /^digest:\s+(sha256:[0-9a-f]{64})$/m.exec(out)?.[1];
    assert.ok(digest, 'the summary names the pushed digest');
    assert.match(out, /lodash\s+GHSA-p6mc-m468-83gw\s+HIGH\s+4\.17\.15\s+4\.17\.19/);
  });
