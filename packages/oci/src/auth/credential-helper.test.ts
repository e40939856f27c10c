import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import {
  CredentialHelperError,
  CredentialHelperMissingError,
  CredentialHelperTimeoutError,
} from './auth-errors';
import { FILE_STORE_HELPER, makeTempDir, writeHelperScript } from './auth-test-support';
import {
  credentialHelperErase,
  credentialHelperGet,
  credentialHelperList,
  credentialHelperStore,
} from './credential-helper';

describe('credential helpers', () => {
  let dir = '';
  let cleanup = async () => {};
  let env: Record<string, string> = {};
  let state = '';

  before(async () => {
    ({ dir, cleanup } = await makeTempDir());
    const bin = join(dir, 'bin');
    state = join(dir, 'state');
    await mkdir(state);
    await writeHelperScript(bin, 'test', FILE_STORE_HELPER);
    await writeHelperScript(
      bin,
      'broken',
      'cat > /dev/null\necho "vault unreachable, password=hunter2 key AKIAABCDEFGHIJKLMNOP" >&2\nexit 3',
    );
    await writeHelperScript(bin, 'echoer', 'cat >&2\nexit 1');
    await writeHelperScript(bin, 'slow', 'sleep 10\necho "{}"');
    await writeHelperScript(bin, 'garbage', 'cat > /dev/null\necho "Username: bob, Secret: s3cr3t-value"');
    await writeHelperScript(
      bin,
      'empty',
      'cat > /dev/null\necho \'{"ServerURL":"x","Username":"","Secret":""}\'',
    );
    await writeFile(join(bin, 'docker-credential-noexec'), '#!/bin/sh\necho {}\n');
    env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HELPER_STATE: state };
  });
  after(() => cleanup());

  test('store, get, list and erase round trip over the helper protocol', async () => {
    await credentialHelperStore('test', { serverUrl: 'ghcr.io', username: 'octo', secret: 'pat-1' }, { env });
    await credentialHelperStore(
      'test',
      { serverUrl: 'https://index.docker.io/v1/', username: 'hubuser', secret: 'hub-pass' },
      { env },
    );
    assert.deepEqual(await credentialHelperGet('test', 'ghcr.io', { env }), {
      kind: 'basic',
      username: 'octo',
      password: 'pat-1',
    });
    assert.deepEqual(await credentialHelperList('test', { env }), {
      'ghcr.io': 'octo',
      'https://index.docker.io/v1/': 'hubuser',
    });
    assert.equal(await credentialHelperErase('test', 'ghcr.io', { env }), true);
    assert.equal(await credentialHelperGet('test', 'ghcr.io', { env }), undefined);
    assert.equal(await credentialHelperErase('test', 'ghcr.io', { env }), false);
    const calls = (await readFile(join(state, 'calls'), 'utf8')).trim().split('\n');
    assert.deepEqual(calls, [
      'store ghcr.io',
      'store https://index.docker.io/v1/',
      'get ghcr.io',
      'list',
      'erase ghcr.io',
      'get ghcr.io',
      'erase ghcr.io',
    ]);
  });

  test('a <token> username is an identity token', async () => {
    await credentialHelperStore(
      'test',
      { serverUrl: 'acr.example', username: '<token>', secret: 'refresh' },
      { env },
    );
    assert.deepEqual(await credentialHelperGet('test', 'acr.example', { env }), {
      kind: 'identity-token',
      token: 'refresh',
    });
  });

  test('"credentials not found" and an empty secret mean anonymous', async () => {
    assert.equal(await credentialHelperGet('test', 'never-stored.example', { env }), undefined);
    assert.equal(await credentialHelperGet('empty', 'x', { env }), undefined);
  });

  test('a failing helper is an error naming it, with its stderr scrubbed', async () => {
    const error = await credentialHelperGet('broken', 'ghcr.io', { env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialHelperError);
    assert.equal(error.code, 'SLIPWAY_OCI_CREDENTIAL_HELPER_FAILED');
    assert.match(error.message, /docker-credential-broken get/);
    assert.match(error.message, /exited with code 3/);
    assert.match(error.message, /vault unreachable/);
    assert.doesNotMatch(inspect(error), /hunter2|AKIAABCDEFGHIJKLMNOP/);
  });

  test('a secret echoed back by a failing store is not in the error', async () => {
    const error = await credentialHelperStore(
      'echoer',
      { serverUrl: 'ghcr.io', username: 'octo', secret: 'plain-secret-value' },
      { env },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialHelperError);
    assert.match(error.message, /docker-credential-echoer store/);
    assert.doesNotMatch(inspect(error), /plain-secret-value/);
  });

  test('a slow helper is killed at the timeout', async () => {
    const started = Date.now();
    const error = await credentialHelperGet('slow', 'ghcr.io', { env, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof CredentialHelperTimeoutError);
    assert.equal(error.code, 'SLIPWAY_OCI_CREDENTIAL_HELPER_TIMEOUT');
    assert.match(error.message, /docker-credential-slow get.*300 ms/);
    assert.ok(Date.now() - started < 5000, 'did not wait for the helper to finish');
  });

  test('a helper missing from PATH, not executable, or badly named', async () => {
    await assert.rejects(credentialHelperGet('absent', 'ghcr.io', { env }), (error: unknown) => {
      assert.ok(error instanceof CredentialHelperMissingError);
      assert.match(error.message, /docker-credential-absent.*not found on the PATH/);
      return true;
    });
    await assert.rejects(credentialHelperGet('noexec', 'ghcr.io', { env }), /not executable/);
    await assert.rejects(credentialHelperGet('../../bin/sh', 'ghcr.io', { env }), CredentialHelperError);
  });

  test('an answer that is not JSON is an error that does not quote it', async () => {
    const error = await credentialHelperGet('garbage', 'ghcr.io', { env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialHelperError);
    assert.match(error.message, /did not answer with JSON/);
    assert.doesNotMatch(inspect(error), /s3cr3t-value/);
  });
});
