import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type FaultProxy, startFaultProxy } from '../testing/registry/fault-proxy';
import { readAll, registryScenarios } from '../testing/registry/registry-scenarios';
import {
  dockerRegistrySkip,
  startTestRegistry,
  TEST_USER,
  type TestRegistry,
} from '../testing/registry/test-registry';
import { randomBlob } from '../testing/registry/tiny-image';
import { RegistryClient } from './registry-client';
import { RegistryAuthError } from './registry-error';

describe('registry client, distribution with htpasswd basic auth', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startTestRegistry('basic');
  });
  after(async () => {
    await registry?.stop();
  });

  registryScenarios(
    (extra) => new RegistryClient(registry.host, { credentials: registry.credentials(), ...extra }),
    'basic',
  );

  test('a wrong password fails with a clear 401 that does not contain it', async () => {
    const password = 'wrong-password-123';
    const client = new RegistryClient(registry.host, {
      credentials: registry.credentials(TEST_USER.username, password),
    });
    await assert.rejects(client.repository('basic/denied').getManifest('latest'), (error: unknown) => {
      assert.ok(error instanceof RegistryAuthError);
      assert.equal(error.code, 'SLIPWAY_OCI_REGISTRY_AUTH');
      assert.equal(error.status, 401);
      assert.match(error.message, /get manifest latest on 127\.0\.0\.1:\d+\/basic\/denied failed: HTTP 401/);
      assert.match(error.message, /check the credentials/);
      assert.ok(!error.message.includes(password));
      return true;
    });
  });

  test('anonymous access is refused with a hint to log in', async () => {
    await assert.rejects(
      new RegistryClient(registry.host).repository('basic/anonymous').listTags(),
      (error: unknown) =>
        error instanceof RegistryAuthError &&
        error.status === 401 &&
        /none were found.*docker login/.test(error.message),
    );
  });

  describe('redirects to blob storage', () => {
    let proxy: FaultProxy;
    let storage: Server;
    let storageOrigin: string;
    const seen: { path: string; authorization: string | undefined }[] = [];
    const blob = randomBlob(10_000);
    before(async () => {
      proxy = await startFaultProxy({ upstream: registry.url });
      storage = createServer((req, res) => {
        seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
        res.writeHead(200, { 'content-length': String(blob.bytes.byteLength) });
        res.end(blob.bytes);
      });
      await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
      const address = storage.address();
      storageOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await proxy?.stop();
      storage?.closeAllConnections();
      await new Promise((resolve) => storage?.close(resolve));
    });

    test('follows the redirect without sending the registry credentials to the other host', async () => {
      const client = new RegistryClient(proxy.host, { credentials: registry.credentials() });
      proxy.inject({
        method: 'GET',
        path: '/blobs/sha256:',
        fault: { kind: 'redirect', location: storageOrigin },
      });
      const bytes = await readAll(await client.repository('basic/redirected').openBlob(blob.descriptor));
      assert.deepEqual(bytes, blob.bytes);
      assert.deepEqual(seen, [
        { path: `/v2/basic/redirected/blobs/${blob.descriptor.digest}`, authorization: undefined },
      ]);
      assert.ok(proxy.requests.some((r) => r.fault === 'redirect' && r.authorization));
    });
  });
});
