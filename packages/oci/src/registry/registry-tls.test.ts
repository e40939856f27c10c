import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readAll, registryScenarios } from '../testing/registry/registry-scenarios';
import { dockerRegistrySkip, startTestRegistry, type TestRegistry } from '../testing/registry/test-registry';
import { randomBlob } from '../testing/registry/tiny-image';
import { RegistryClient } from './registry-client';
import { RegistryTlsError } from './registry-error';

describe('registry client, distribution over TLS with a self-signed CA', {
  skip: dockerRegistrySkip(),
}, () => {
  let registry: TestRegistry;
  const clients: RegistryClient[] = [];
  const track = (client: RegistryClient) => {
    clients.push(client);
    return client;
  };
  before(async () => {
    registry = await startTestRegistry('tls');
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await registry?.stop();
  });

  describe('with the CA', () => {
    registryScenarios(
      (extra) =>
        track(
          new RegistryClient(registry.host, { caCertificates: [registry.caCertificate ?? ''], ...extra }),
        ),
      'tls',
    );

    test('talks https', async () => {
      const client = track(
        new RegistryClient(registry.host, { caCertificates: [registry.caCertificate ?? ''] }),
      );
      assert.equal(await client.ping(), `https://${registry.host}`);
    });
  });

  test('without the CA: a certificate error that says what to do, and no fallback to http', async () => {
    const client = new RegistryClient(registry.host, { retry: { attempts: 1 } });
    await assert.rejects(client.repository('tls/untrusted').getManifest('latest'), (error: unknown) => {
      assert.ok(error instanceof RegistryTlsError);
      assert.equal(error.code, 'SLIPWAY_OCI_REGISTRY_TLS');
      assert.match(error.message, /TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/);
      assert.match(error.message, /caCertificates/);
      return true;
    });
  });

  test('insecure: works without verifying the certificate', async () => {
    const client = track(new RegistryClient(registry.host, { insecure: true }));
    assert.equal(await client.ping(), `https://${registry.host}`);
    const repo = client.repository('tls/insecure');
    const blob = randomBlob(4096);
    await repo.putBlob(blob.descriptor, blob.open);
    assert.deepEqual(await readAll(await repo.openBlob(blob.descriptor)), blob.bytes);
  });
});
