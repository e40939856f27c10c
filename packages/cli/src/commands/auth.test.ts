import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const main = join(import.meta.dirname, '..', 'main.ts');

function slipway(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', input });
}

test('auth login writes a 0600 docker config entry, keeps other keys, and logout removes it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-auth-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({ auths: { 'other.example': { auth: 'eDp5' } }, detachKeys: 'ctrl-q' }),
  );
  const run = slipway(
    ['auth', 'login', '127.0.0.1:5000', '-u', 'bob', '--password-stdin', '--config', config],
    's3cret\n',
  );
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!run.stdout.includes('s3cret'), 'the password is never printed');
  const written = JSON.parse(readFileSync(config, 'utf8'));
  assert.equal(Buffer.from(written.auths['127.0.0.1:5000'].auth, 'base64').toString(), 'bob:s3cret');
  assert.equal(written.detachKeys, 'ctrl-q');
  assert.equal(written.auths['other.example'].auth, 'eDp5');
  assert.equal(statSync(config).mode & 0o777, 0o600);
  assert.equal(slipway(['auth', 'logout', '127.0.0.1:5000', '--config', config]).status, 0);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(config, 'utf8')).auths), ['other.example']);
});

test('auth login without a password is a usage error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-auth-'));
  const run = slipway(['auth', 'login', 'r.example', '-u', 'bob', '--config', join(dir, 'c.json')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--password-stdin/);
});
