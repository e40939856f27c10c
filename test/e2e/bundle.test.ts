import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// The bundled CLI is what `npx slipway` runs; `npm ci` builds it (the `prepare` script).
const bundle = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'slipway.js');

if (existsSync(bundle))
  test('the bundled CLI opens its SQLite databases (the native addon is loaded from node_modules)', () => {
    const home = mkdtempSync(join(tmpdir(), 'slipway-bundle-'));
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bundle, ...args, '--home', home], { encoding: 'utf8' });
    const created = run(['secret', 'create', 'creds', '--from-literal', 'token=abc']);
    assert.equal(created.status, 0, created.stderr);
    assert.equal(run(['secret', 'list']).stdout, 'creds\n');
  });
