import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FaultProxy, startFaultProxy } from '../testing/registry/fault-proxy';
import { registryScenarios } from '../testing/registry/registry-scenarios';
import { dockerRegistrySkip, startTestRegistry, type TestRegistry } from '../testing/registry/test-registry';
import { buildTinyImage } from '../testing/registry/tiny-image';
import { RegistryClient } from './registry-client';

describe('registry client, distribution without auth', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  before(async () => {
    registry = await startTestRegistry('plain');
    proxy = await startFaultProxy({ upstream: registry.url, paginateTags: true });
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  registryScenarios((extra) => new RegistryClient(registry.host, extra), 'plain');

  test('falls back to http for a loopback registry that does not speak TLS', async () => {
    assert.equal(await new RegistryClient(registry.host).ping(), `http://${registry.host}`);
  });

  test('follows Link pagination (n=2) when the registry paginates', async () => {
    const repo = new RegistryClient(proxy.host).repository('plain/paged');
    const image = await buildTinyImage('plain paged');
    await repo.putBlob(image.config.descriptor, image.config.open);
    await repo.putBlob(image.layer.descriptor, image.layer.open);
    for (const tag of ['v5', 'v1', 'v3', 'v2', 'v4']) await repo.putManifest(image.manifest, tag);
    proxy.reset();
    assert.deepEqual(await repo.listTags({ pageSize: 2 }), ['v1', 'v2', 'v3', 'v4', 'v5']);
    assert.deepEqual(
      proxy.requests.filter((r) => r.path.includes('/tags/list')).map((r) => r.path),
      [
        '/v2/plain/paged/tags/list?n=2',
        '/v2/plain/paged/tags/list?n=2&last=v2',
        '/v2/plain/paged/tags/list?n=2&last=v4',
      ],
    );
  });
});
