import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DigestMismatchError } from '../model/digest';
import { type FaultProxy, startFaultProxy } from '../testing/registry/fault-proxy';
import { readAll } from '../testing/registry/registry-scenarios';
import { dockerRegistrySkip, startTestRegistry, type TestRegistry } from '../testing/registry/test-registry';
import { buildTinyImage, randomBlob } from '../testing/registry/tiny-image';
import { RegistryClient } from './registry-client';
import { RegistryError } from './registry-error';
import type { RegistryClientOptions } from './registry-options';

const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

describe('registry client through a fault-injecting proxy', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  const client = (extra?: RegistryClientOptions) =>
    new RegistryClient(proxy.host, { retry: FAST_RETRY, ...extra });
  const count = (method: string, path: string) =>
    proxy.requests.filter((r) => r.method === method && r.path.includes(path)).length;
  before(async () => {
    registry = await startTestRegistry('plain');
    proxy = await startFaultProxy({ upstream: registry.url });
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });
  beforeEach(() => proxy.reset());

  test('a connection reset mid-upload: the upload starts over and completes', async () => {
    const repo = client().repository('faults/reset');
    const blob = randomBlob(300_000);
    proxy.inject({ method: 'PUT', path: '/blobs/uploads/', fault: { kind: 'reset', afterBytes: 100_000 } });
    await repo.putBlob(blob.descriptor, blob.open);
    assert.equal(await repo.hasBlob(blob.descriptor), true);
    assert.equal(count('POST', '/blobs/uploads/'), 2);
    assert.equal(count('PUT', '/blobs/uploads/'), 2);
  });

  test('a connection reset mid-chunk: the chunked upload resumes where the registry is', async () => {
    const repo = client({ chunkSize: 100_000 }).repository('faults/resume');
    const blob = randomBlob(300_000);
    proxy.inject({ method: 'PATCH', nth: 2, fault: { kind: 'reset', afterBytes: 10_000 } });
    await repo.putBlob(blob.descriptor, blob.open);
    assert.deepEqual(await readAll(await repo.openBlob(blob.descriptor)), blob.bytes);
    assert.equal(count('POST', '/blobs/uploads/'), 1);
    assert.equal(count('GET', '/blobs/uploads/'), 1);
    assert.equal(count('PATCH', '/blobs/uploads/'), 4);
  });

  test('a 500 on the upload is retried', async () => {
    const repo = client().repository('faults/500');
    const blob = randomBlob(50_000);
    proxy.inject({ method: 'PUT', path: '/blobs/uploads/', fault: { kind: 'status', status: 500 } });
    await repo.putBlob(blob.descriptor, blob.open);
    assert.equal(await repo.hasBlob(blob.descriptor), true);
    assert.equal(count('PUT', '/blobs/uploads/'), 2);
  });

  test('a 429 with Retry-After is honoured, then the upload completes', async () => {
    const repo = client().repository('faults/429');
    const blob = randomBlob(50_000);
    proxy.inject({
      method: 'POST',
      path: '/blobs/uploads/',
      fault: { kind: 'status', status: 429, retryAfter: '1' },
    });
    const started = Date.now();
    await repo.putBlob(blob.descriptor, blob.open);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.equal(await repo.hasBlob(blob.descriptor), true);
  });

  test('retries exhausted: a clear error naming the operation', async () => {
    const repo = client().repository('faults/exhausted');
    const blob = randomBlob(1000);
    proxy.inject({
      method: 'POST',
      path: '/blobs/uploads/',
      times: 10,
      fault: { kind: 'status', status: 503 },
    });
    await assert.rejects(repo.putBlob(blob.descriptor, blob.open), (error: unknown) => {
      assert.ok(error instanceof RegistryError);
      assert.equal(error.code, 'SLIPWAY_OCI_REGISTRY');
      assert.equal(error.status, 503);
      assert.equal(error.operation, `upload blob ${blob.descriptor.digest}`);
      assert.equal(error.repository, 'faults/exhausted');
      assert.match(
        error.message,
        /^upload blob sha256:[0-9a-f]{64} on 127\.0\.0\.1:\d+\/faults\/exhausted failed: HTTP 503/,
      );
      assert.match(error.message, /gave up after 4 attempts/);
      return true;
    });
    assert.equal(count('POST', '/blobs/uploads/'), 4);
  });

  test('a 4xx other than 401/429 fails at once with the registry error code', async () => {
    const repo = client().repository('faults/bad-request');
    proxy.inject({ method: 'GET', path: '/manifests/', fault: { kind: 'status', status: 400 } });
    await assert.rejects(repo.getManifest('v1'), (error: unknown) => {
      assert.ok(error instanceof RegistryError);
      assert.equal(error.status, 400);
      assert.equal(error.errors[0]?.code, 'UNKNOWN');
      return true;
    });
    assert.equal(count('GET', '/manifests/'), 1);
  });

  describe('downloads', () => {
    const image = { blob: randomBlob(200_000) };
    let pushed = false;
    const repo = () => client().repository('faults/download');
    beforeEach(async () => {
      if (!pushed) await repo().putBlob(image.blob.descriptor, image.blob.open);
      pushed = true;
      proxy.reset();
    });

    test('a truncated blob body is never accepted', async () => {
      proxy.inject({ method: 'GET', path: '/blobs/sha256:', fault: { kind: 'truncate', keepBytes: 50_000 } });
      await assert.rejects(readAll(await repo().openBlob(image.blob.descriptor)), (error: unknown) => {
        assert.ok(error instanceof RegistryError);
        assert.match(error.message, /get blob sha256:.* the download broke after \d+ of 200000 bytes/);
        return true;
      });
    });

    test('a cleanly ended short body fails digest verification', async () => {
      proxy.inject({
        method: 'GET',
        path: '/blobs/sha256:',
        fault: { kind: 'truncate', keepBytes: 50_000, clean: true },
      });
      await assert.rejects(readAll(await repo().openBlob(image.blob.descriptor)), DigestMismatchError);
    });

    test('a stalled body is detected', async () => {
      proxy.inject({ method: 'GET', path: '/blobs/sha256:', fault: { kind: 'stall-body', keepBytes: 1000 } });
      const stalling = client({ timeouts: { stallMs: 300 } }).repository('faults/download');
      await assert.rejects(readAll(await stalling.openBlob(image.blob.descriptor)), (error: unknown) => {
        assert.ok(error instanceof RegistryError);
        assert.match(error.message, /stalled: no data moved for 300 ms/);
        return true;
      });
    });

    test('a server that never answers times out, is retried, then fails clearly', async () => {
      proxy.inject({ method: 'GET', path: '/manifests/', times: 2, fault: { kind: 'stall' } });
      const impatient = client({ timeouts: { requestMs: 300 }, retry: { ...FAST_RETRY, attempts: 2 } });
      await assert.rejects(impatient.repository('faults/download').getManifest('v1'), (error: unknown) => {
        assert.ok(error instanceof RegistryError);
        assert.match(error.message, /get manifest v1 .*no response within 300 ms.*gave up after 2 attempts/);
        return true;
      });
    });

    test('a manifest fetch retries a truncated body', async () => {
      const image = await buildTinyImage('faults manifest');
      const r = repo();
      await r.putBlob(image.config.descriptor, image.config.open);
      await r.putBlob(image.layer.descriptor, image.layer.open);
      await r.putManifest(image.manifest, 'v1');
      proxy.inject({ method: 'GET', path: '/manifests/v1', fault: { kind: 'truncate', keepBytes: 10 } });
      assert.equal((await r.getManifest('v1')).digest, image.manifest.digest);
      assert.equal(count('GET', '/manifests/v1'), 2);
    });
  });

  test('content that does not match its descriptor is refused before the registry commits it', async () => {
    const repo = client().repository('faults/mismatch');
    const declared = randomBlob(10_000);
    const actual = randomBlob(10_000);
    await assert.rejects(repo.putBlob(declared.descriptor, actual.open), DigestMismatchError);
    assert.equal(await repo.hasBlob(declared.descriptor), false);
    assert.equal(count('POST', '/blobs/uploads/'), 1, 'not retried');
  });
});
