import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readAll, registryScenarios } from '../testing/registry/registry-scenarios';
import {
  dockerRegistrySkip,
  startTestRegistry,
  TEST_TOKEN_SERVICE,
  TEST_USER,
  type TestRegistry,
} from '../testing/registry/test-registry';
import { randomBlob } from '../testing/registry/tiny-image';
import { RegistryAuth } from './registry-auth';
import { RegistryClient } from './registry-client';
import { RegistryAuthError } from './registry-error';
import { DEFAULT_REGISTRY_TIMEOUTS, DEFAULT_RETRY_POLICY } from './registry-options';

describe('registry client, distribution with bearer token auth', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  const tokenRequests = () => registry.tokenServer?.requests ?? [];
  before(async () => {
    registry = await startTestRegistry('token');
  });
  after(async () => {
    await registry?.stop();
  });

  registryScenarios(
    (extra) => new RegistryClient(registry.host, { credentials: registry.credentials(), ...extra }),
    'token',
  );

  test('asks for repository:x:pull,push to push and adds repository:y:pull to mount', async () => {
    const client = new RegistryClient(registry.host, { credentials: registry.credentials() });
    const blob = randomBlob(1024);
    await client.repository('y').putBlob(blob.descriptor, blob.open);
    const before = tokenRequests().length;
    const x = client.repository('x');
    const own = randomBlob(1024);
    await x.putBlob(own.descriptor, own.open);
    assert.equal(await x.mountBlob(blob.descriptor, 'y'), true);
    const asked = tokenRequests()
      .slice(before)
      .map((r) => r.scopes);
    assert.deepEqual(asked, [['repository:x:pull,push'], ['repository:x:pull,push', 'repository:y:pull']]);
    assert.ok(tokenRequests().every((r) => r.service === TEST_TOKEN_SERVICE));
  });

  test('reuses a token while it is valid, for the same or narrower scopes', async () => {
    const client = new RegistryClient(registry.host, { credentials: registry.credentials() });
    const repo = client.repository('token/cache');
    const blob = randomBlob(512);
    const before = tokenRequests().length;
    await repo.putBlob(blob.descriptor, blob.open);
    assert.equal(await repo.hasBlob(blob.descriptor), true);
    assert.deepEqual(await readAll(await repo.openBlob(blob.descriptor)), blob.bytes);
    assert.equal(tokenRequests().length - before, 1);
  });

  test('a wrong password gives a clear 401 without the password in it', async () => {
    const password = 'not-the-password-42';
    const client = new RegistryClient(registry.host, {
      credentials: registry.credentials(TEST_USER.username, password),
    });
    await assert.rejects(client.repository('token/denied').getManifest('latest'), (error: unknown) => {
      assert.ok(error instanceof RegistryAuthError);
      assert.equal(error.status, 401);
      assert.match(
        error.message,
        /token service http:\/\/127\.0\.0\.1:\d+\/token rejected the password of user "slipway"/,
      );
      assert.match(error.message, /check the credentials/);
      assert.ok(!error.message.includes(password));
      assert.ok(!JSON.stringify(error).includes(password));
      return true;
    });
    assert.equal(tokenRequests().at(-1)?.outcome, 'rejected');
  });

  test('anonymous pulls are refused with a clear error', async () => {
    const client = new RegistryClient(registry.host);
    await assert.rejects(
      client.repository('token/anonymous').getManifest('latest'),
      (error: unknown) => error instanceof RegistryAuthError && error.status === 401,
    );
    assert.equal(tokenRequests().at(-1)?.grant, 'anonymous');
  });

  test('exchanges an identity token (OAuth2 refresh token) with a POST form', async () => {
    const identity = registry.tokenServer?.issueIdentityToken(TEST_USER.username) ?? '';
    const client = new RegistryClient(registry.host, {
      credentials: async () => ({ kind: 'identity-token', token: identity }),
    });
    const repo = client.repository('token/identity');
    const blob = randomBlob(256);
    await repo.putBlob(blob.descriptor, blob.open);
    assert.equal(await repo.hasBlob(blob.descriptor), true);
    const last = tokenRequests().at(-1);
    assert.deepEqual(
      { method: last?.method, grant: last?.grant, account: last?.account, scopes: last?.scopes },
      {
        method: 'POST',
        grant: 'refresh_token',
        account: TEST_USER.username,
        scopes: ['repository:token/identity:pull,push'],
      },
    );
  });

  test('fetches a new token when the cached one expires', async () => {
    let now = Date.now();
    const auth = new RegistryAuth({
      registry: registry.host,
      credentials: registry.credentials(),
      fetch: (url, init) => fetch(url, init),
      userAgent: 'slipway-test',
      timeouts: DEFAULT_REGISTRY_TIMEOUTS,
      retry: DEFAULT_RETRY_POLICY,
      now: () => now,
    });
    auth.useChallenges([
      { scheme: 'bearer', params: { realm: registry.tokenServer?.realm ?? '', service: TEST_TOKEN_SERVICE } },
    ]);
    const before = tokenRequests().length;
    const first = await auth.authorization(['repository:token/expiry:pull']);
    assert.equal(await auth.authorization(['repository:token/expiry:pull']), first);
    assert.equal(tokenRequests().length - before, 1);
    now += 300_000; // the token server's tokens live 300 s
    const second = await auth.authorization(['repository:token/expiry:pull']);
    assert.notEqual(second, first);
    assert.equal(tokenRequests().length - before, 2);
  });
});
