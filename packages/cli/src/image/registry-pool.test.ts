import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '@slipway/oci';
import { buildBusyboxImage } from '../../../oci/src/testing/image-builder';
import { dockerRegistrySkip, startTestRegistry, type TestRegistry } from '../../../oci/src/testing/registry';
import { RegistryPool, registryPairs } from './registry-pool';

const user = { username: 'endpoint-user', password: 'endpoint-pass-31' };
const logical = 'registry.example.test';

function dockerConfig(auths: Record<string, { username: string; password: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-pool-'));
  const entries = Object.fromEntries(
    Object.entries(auths).map(([host, { username, password }]) => [
      host,
      { auth: Buffer.from(`${username}:${password}`).toString('base64') },
    ]),
  );
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: entries }));
  return dir;
}

test('registry pairs: `registry=address` lists, empty parts ignored', () => {
  assert.deepEqual(
    [...registryPairs('a.example=127.0.0.1:5000,,=x,b.example=,c.example=[::1]:5001')],
    [
      ['a.example', '127.0.0.1:5000'],
      ['c.example', '[::1]:5001'],
    ],
  );
  assert.equal(registryPairs(undefined).size, 0);
});

const skip = dockerRegistrySkip();
if (!skip)
  describe('a registry reached through an endpoint', () => {
    let registry: TestRegistry;
    before(async () => {
      registry = await startTestRegistry('basic', { user });
    });
    after(async () => {
      await registry?.stop();
    });

    const push = async (env: Record<string, string>) => {
      const pool = new RegistryPool({ insecure: [], caFiles: [], env });
      try {
        const image = await buildBusyboxImage({ applets: ['true'] });
        const copied = await copyImage(image, [
          { sink: pool.client(logical).repository('team/app'), tag: 'v1' },
        ]);
        return copied.destinations[0];
      } finally {
        await pool.close();
      }
    };

    test("goes to the endpoint's address with the credentials of the registry's own name", async () => {
      const result = await push({
        DOCKER_CONFIG: dockerConfig({ [logical]: user }),
        SLIPWAY_REGISTRY_ENDPOINTS: `${logical}=${registry.host}`,
      });
      assert.equal(result?.ok, true, result?.error?.message);
      const check = await fetch(`${registry.url}/v2/team/app/tags/list`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
        },
      });
      assert.deepEqual(((await check.json()) as { tags: string[] }).tags, ['v1']);
    });

    test("credentials stored for the endpoint's address are not the registry's", async () => {
      const result = await push({
        DOCKER_CONFIG: dockerConfig({ [registry.host]: user }),
        SLIPWAY_REGISTRY_ENDPOINTS: `${logical}=${registry.host}`,
      });
      assert.equal(result?.ok, false);
      assert.match(result?.error?.message ?? '', /401|unauthori[sz]ed|credentials/i);
    });
  });
