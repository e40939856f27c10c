import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { MemoryImageStore } from '../memory';
import type { Descriptor, ImageIndex, ImageManifest, RawManifest } from '../model/descriptors';
import { sha256Digest, verifyingStream } from '../model/digest';
import { MediaType } from '../model/media-types';
import { copyImage } from './copy-image';

function blob(bytes: Uint8Array, mediaType: string): Descriptor {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength };
}

function rawOf(value: object, mediaType: string): RawManifest {
  const bytes = Buffer.from(JSON.stringify(value));
  return { mediaType, digest: sha256Digest(bytes), bytes };
}

/** A source store with one image of `layers` random layers, tagged `v1`, counting blob reads. */
function sourceImage(
  layers = 3,
  arch = 'amd64',
): { store: MemoryImageStore & { reads: number }; manifest: RawManifest; blobs: Descriptor[] } {
  const store = Object.assign(new MemoryImageStore('source'), { reads: 0 });
  const open = store.openBlob.bind(store);
  store.openBlob = async (d: Descriptor): Promise<Readable> => {
    store.reads++;
    return open(d);
  };
  const config = Buffer.from(
    JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
  );
  const configDescriptor = blob(config, MediaType.ociConfig);
  store.addBlob(configDescriptor, config);
  const layerDescriptors = Array.from({ length: layers }, () => {
    const bytes = randomBytes(1000);
    const d = blob(bytes, MediaType.ociLayerGzip);
    store.addBlob(d, bytes);
    return d;
  });
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: configDescriptor,
    layers: layerDescriptors,
  };
  const raw = rawOf(manifest, MediaType.ociManifest);
  void store.putManifest(raw, 'v1');
  return { store, manifest: raw, blobs: [configDescriptor, ...layerDescriptors] };
}

/** A store whose putBlob fails for one digest. */
function failingOn(digest: string, name: string): MemoryImageStore {
  const store = new MemoryImageStore(name);
  const put = store.putBlob.bind(store);
  store.putBlob = async (d, open) => {
    if (d.digest === digest) throw new Error(`${name} refused ${digest}`);
    return put(d, open);
  };
  return store;
}

describe('copyImage', () => {
  test('copies to three destinations, reading each blob from the source once', async () => {
    const { store, manifest } = sourceImage(3);
    const targets = [new MemoryImageStore('a'), new MemoryImageStore('b'), new MemoryImageStore('c')];
    const result = await copyImage(
      store,
      targets.map((sink) => ({ sink, tag: 'v1' })),
      { reference: 'v1' },
    );
    assert.equal(result.digest, manifest.digest);
    assert.equal(store.reads, 4);
    for (const target of targets) {
      assert.equal(target.tags().get('v1'), manifest.digest);
      assert.deepEqual((await target.getManifest('v1')).bytes, manifest.bytes);
    }
    assert.deepEqual(
      result.destinations.map((d) => [d.ok, d.uploaded]),
      [
        [true, 4],
        [true, 4],
        [true, 4],
      ],
    );
  });

  test('blobs already at a destination are not sent again', async () => {
    const { store, blobs } = sourceImage(2);
    const target = new MemoryImageStore('t');
    target.addBlob(
      blobs[1]!,
      Buffer.from(await (await import('node:stream/consumers')).buffer(await store.openBlob(blobs[1]!))),
    );
    store.reads = 0;
    const result = await copyImage(store, [{ sink: target, tag: 'x' }], { reference: 'v1' });
    assert.equal(result.destinations[0]!.existing, 1);
    assert.equal(result.destinations[0]!.uploaded, 2);
    assert.equal(store.reads, 2);
  });

  test('a destination that fails gets no manifest; the others finish (fail open)', async () => {
    const { store, blobs, manifest } = sourceImage(3);
    const good = new MemoryImageStore('good');
    const bad = failingOn(blobs[2]!.digest, 'bad');
    const result = await copyImage(
      store,
      [
        { sink: bad, tag: 'v1' },
        { sink: good, tag: 'v1' },
      ],
      { reference: 'v1' },
    );
    assert.equal(result.destinations[0]!.ok, false);
    assert.match(result.destinations[0]!.error!.message, /bad refused/);
    assert.equal(bad.hasManifest(manifest.digest), false);
    assert.equal(bad.tags().size, 0);
    assert.equal(result.destinations[1]!.ok, true);
    assert.equal(good.tags().get('v1'), manifest.digest);
  });

  test('--fail-fast stops every destination at the first failure, and none gets a manifest', async () => {
    const { store, blobs, manifest } = sourceImage(3);
    const good = new MemoryImageStore('good');
    const bad = failingOn(blobs[0]!.digest, 'bad');
    const result = await copyImage(
      store,
      [
        { sink: bad, tag: 'v1' },
        { sink: good, tag: 'v1' },
      ],
      { reference: 'v1', failFast: true, concurrency: 1 },
    );
    assert.deepEqual(
      result.destinations.map((d) => d.ok),
      [false, false],
    );
    assert.equal(good.hasManifest(manifest.digest), false);
    assert.match(result.destinations[1]!.error!.message, /--fail-fast/);
  });

  test('a corrupt source blob reaches no destination', async () => {
    const { store, blobs, manifest } = sourceImage(2);
    const open = store.openBlob.bind(store);
    // A source that verifies what it delivers, as every ImageSource does, holding corrupt bytes.
    store.openBlob = async (d) =>
      d.digest === blobs[1]!.digest
        ? Readable.from([Buffer.from('tampered')]).pipe(verifyingStream(d, 'source'))
        : open(d);
    const target = new MemoryImageStore('t');
    const result = await copyImage(store, [{ sink: target, tag: 'v1' }], { reference: 'v1' });
    assert.equal(result.destinations[0]!.ok, false);
    assert.equal(result.destinations[0]!.error!.name, 'DigestMismatchError');
    assert.equal(await target.hasBlob(blobs[1]!), false);
    assert.equal(target.hasManifest(manifest.digest), false);
  });

  test('an index: this platform only by default, or every platform and the index with allPlatforms', async () => {
    const amd = sourceImage(1, 'amd64');
    const arm = sourceImage(1, 'arm64');
    const store = amd.store;
    for (const d of arm.blobs)
      store.addBlob(
        d,
        Buffer.from(await (await import('node:stream/consumers')).buffer(await arm.store.openBlob(d))),
      );
    await store.putManifest(arm.manifest);
    const index: ImageIndex = {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [
        {
          mediaType: MediaType.ociManifest,
          digest: amd.manifest.digest,
          size: amd.manifest.bytes.byteLength,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: MediaType.ociManifest,
          digest: arm.manifest.digest,
          size: arm.manifest.bytes.byteLength,
          platform: { os: 'linux', architecture: 'arm64' },
        },
      ],
    };
    const rawIndex = rawOf(index, MediaType.ociIndex);
    await store.putManifest(rawIndex, 'multi');
    const one = new MemoryImageStore('one');
    const r1 = await copyImage(store, [{ sink: one, tag: 'm' }], {
      reference: 'multi',
      platform: { os: 'linux', architecture: 'arm64' },
    });
    assert.equal(r1.digest, arm.manifest.digest);
    assert.equal(one.hasManifest(amd.manifest.digest), false);
    const all = new MemoryImageStore('all');
    const r2 = await copyImage(store, [{ sink: all, tag: 'm' }], { reference: 'multi', allPlatforms: true });
    assert.equal(r2.digest, rawIndex.digest);
    assert.ok(all.hasManifest(amd.manifest.digest) && all.hasManifest(arm.manifest.digest));
    await assert.rejects(
      copyImage(store, [{ sink: new MemoryImageStore() }], {
        reference: 'multi',
        platform: { os: 'linux', architecture: 's390x' },
      }),
      /has no image for linux\/s390x; it has linux\/amd64, linux\/arm64/,
    );
  });
});
