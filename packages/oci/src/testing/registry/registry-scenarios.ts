import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import { MediaType } from '../../model/media-types';
import type { RegistryClient } from '../../registry/registry-client';
import { RegistryError } from '../../registry/registry-error';
import type { RegistryClientOptions, TransferProgress } from '../../registry/registry-options';
import { buildTinyImage, randomBlob } from './tiny-image';

/** Reads a stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The behaviour every registry mode must show, as node:test tests: push and pull, HEAD, tags with
 * pagination, delete, cross-repository mount (and its fallback), chunked upload with progress.
 * `client` makes a client of the registry under test (called when the tests run); repositories are
 * named under `prefix`.
 */
export function registryScenarios(
  client: (extra?: RegistryClientOptions) => RegistryClient,
  prefix: string,
): void {
  test('pushes blobs and a manifest, then pulls them back by tag and digest', async () => {
    const repo = client().repository(`${prefix}/push-pull`);
    const image = await buildTinyImage(`${prefix} push-pull`);
    for (const blob of [image.config, image.layer]) {
      assert.equal(await repo.hasBlob(blob.descriptor), false);
      await repo.putBlob(blob.descriptor, blob.open);
      assert.equal(await repo.hasBlob(blob.descriptor), true);
    }
    await repo.putManifest(image.manifest, 'v1');
    const byTag = await repo.getManifest('v1');
    assert.equal(byTag.digest, image.manifest.digest);
    assert.equal(byTag.mediaType, MediaType.ociManifest);
    assert.deepEqual(Buffer.from(byTag.bytes), image.manifest.bytes);
    assert.equal((await repo.getManifest(image.manifest.digest)).digest, image.manifest.digest);
    assert.deepEqual(await repo.headManifest('v1'), {
      mediaType: MediaType.ociManifest,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    });
    assert.equal(await repo.headManifest('missing'), undefined);
    assert.deepEqual(await readAll(await repo.openBlob(image.layer.descriptor)), image.layer.bytes);
    assert.deepEqual(await readAll(await repo.openBlob(image.config.descriptor)), image.config.bytes);
    await assert.rejects(repo.getManifest('missing'), (error: unknown) => {
      assert.ok(error instanceof RegistryError);
      assert.equal(error.status, 404);
      assert.equal(error.errors[0]?.code, 'MANIFEST_UNKNOWN');
      assert.match(error.message, /get manifest missing .*HTTP 404 MANIFEST_UNKNOWN/);
      return true;
    });
  });

  test('lists tags with n=2 pages, and none for an unknown repository', async () => {
    const repo = client().repository(`${prefix}/tags`);
    const image = await buildTinyImage(`${prefix} tags`);
    await repo.putBlob(image.config.descriptor, image.config.open);
    await repo.putBlob(image.layer.descriptor, image.layer.open);
    const tags = ['a', 'b', 'c', 'd', 'e'];
    for (const tag of tags) await repo.putManifest(image.manifest, tag);
    assert.deepEqual((await repo.listTags({ pageSize: 2 })).sort(), tags);
    assert.deepEqual(await client().repository(`${prefix}/no-such-repo`).listTags(), []);
  });

  test('deletes a manifest by digest', async () => {
    const repo = client().repository(`${prefix}/delete`);
    const image = await buildTinyImage(`${prefix} delete`);
    await repo.putBlob(image.config.descriptor, image.config.open);
    await repo.putBlob(image.layer.descriptor, image.layer.open);
    await repo.putManifest(image.manifest, 'doomed');
    assert.equal(await repo.deleteManifest(image.manifest.digest), true);
    assert.equal(await repo.headManifest(image.manifest.digest), undefined);
    await assert.rejects(
      repo.getManifest('doomed'),
      (error: unknown) => error instanceof RegistryError && error.status === 404,
    );
    assert.equal(await repo.deleteManifest(image.manifest.digest), false);
  });

  test('mounts a blob across repositories, and uploads it when the source lacks it', async () => {
    const c = client();
    const source = c.repository(`${prefix}/mount-source`);
    const target = c.repository(`${prefix}/mount-target`);
    const shared = randomBlob(2048);
    await source.putBlob(shared.descriptor, shared.open);
    assert.equal(await target.mountBlob(shared.descriptor, `${prefix}/mount-source`), true);
    assert.equal(await target.hasBlob(shared.descriptor), true);

    const lonely = randomBlob(2048);
    assert.equal(await target.mountBlob(lonely.descriptor, `${prefix}/mount-source`), false);
    assert.equal(await target.hasBlob(lonely.descriptor), false);
    assert.equal(await target.mountBlob(lonely.descriptor, `${prefix}/mount-source`, lonely.open), false);
    assert.equal(await target.hasBlob(lonely.descriptor), true);
    assert.deepEqual(await readAll(await target.openBlob(lonely.descriptor)), lonely.bytes);
  });

  test('uploads in chunks and reports progress both ways', async () => {
    const events: TransferProgress[] = [];
    const repo = client({ chunkSize: 100_000, onProgress: (event) => events.push(event) }).repository(
      `${prefix}/chunked`,
    );
    const blob = randomBlob(250_000);
    await repo.putBlob(blob.descriptor, blob.open);
    assert.deepEqual(await readAll(await repo.openBlob(blob.descriptor)), blob.bytes);
    const uploads = events.filter((e) => e.direction === 'upload').map((e) => e.bytes);
    const downloads = events.filter((e) => e.direction === 'download').map((e) => e.bytes);
    assert.equal(uploads.at(-1), 250_000);
    assert.equal(downloads.at(-1), 250_000);
    assert.deepEqual(
      uploads,
      [...uploads].sort((a, b) => a - b),
    );
    assert.ok(events.every((e) => e.total === 250_000 && e.digest === blob.descriptor.digest));
  });
}
