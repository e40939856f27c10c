import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Digest, ImageConfig, ImageManifest } from '../../model/descriptors';
import { DigestMismatchError, sha256Digest } from '../../model/digest';
import { MediaType } from '../../model/media-types';
import { assembleImage, type MemoryImage } from '../../testing/image-builder';
import {
  AmbiguousImageError,
  ImageNotFoundError,
  InvalidArchiveError,
  MissingBlobError,
  UnsafeArchivePathError,
  UnsafeTarError,
} from '../errors';
import { createLayer } from '../layer/create-layer';
import type { LayerBlob } from '../layer/layer-entry';
import { readVerifiedBlob } from '../shared/read-blob';
import { type InMemoryTarEntry, tarBytes } from '../tar/tar-pack';
import { openDockerArchive } from './open-docker-archive';
import { writeDockerArchive } from './write-docker-archive';

let dir = '';
let count = 0;
const fresh = (suffix = '.tar') => join(dir, `case-${count++}${suffix}`);
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-docker-archive-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const hex = (digest: string) => digest.slice('sha256:'.length);

async function layerOf(text: string, compression: 'gzip' | 'none'): Promise<LayerBlob> {
  return createLayer([{ type: 'file', path: `${text}.txt`, content: text }], {
    reproducible: true,
    compression,
  });
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}

interface HandmadeImage {
  tags: string[];
  layers: { path: string; bytes: Buffer; diffId: Digest }[];
}

/** A docker-archive put together entry by entry, as other tools write them (or as attackers do). */
async function handmade(images: HandmadeImage[], manifest?: unknown, extra: InMemoryTarEntry[] = []) {
  const entries: InMemoryTarEntry[] = [];
  const listed = images.map((image) => {
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: image.layers.map((l) => l.diffId) },
      }),
    );
    entries.push({ header: { name: `${hex(sha256Digest(config))}.json` }, content: config });
    for (const layer of image.layers) entries.push({ header: { name: layer.path }, content: layer.bytes });
    return {
      Config: `${hex(sha256Digest(config))}.json`,
      RepoTags: image.tags,
      Layers: image.layers.map((l) => l.path),
    };
  });
  entries.unshift({
    header: { name: 'manifest.json' },
    content: Buffer.from(JSON.stringify(manifest ?? listed)),
  });
  const path = fresh();
  await writeFile(path, await tarBytes([...entries, ...extra]));
  return path;
}

describe('docker-archive', () => {
  let image: MemoryImage;
  before(async () => {
    const layers = [await layerOf('base', 'gzip'), await layerOf('top', 'gzip')];
    image = assembleImage(layers, { reference: 'busybox:test', config: { Cmd: ['sh'] } });
  });

  test('round trip: config and diffIds kept; layer digests stable and matching the bytes served', async () => {
    const path = fresh();
    const written = await writeDockerArchive(path, image, {
      tags: ['busybox:test', 'registry.example/team/app'],
    });
    assert.deepEqual(written.repoTags, ['busybox:test', 'registry.example/team/app:latest']);
    const first = await openDockerArchive(path);
    const raw = await first.getManifest();
    assert.equal(raw.mediaType, MediaType.dockerManifest);
    const manifest = JSON.parse(raw.bytes.toString()) as ImageManifest;
    const original = JSON.parse(image.manifest.bytes.toString()) as ImageManifest;
    assert.equal(manifest.config.digest, original.config.digest);
    assert.equal(written.configDigest, original.config.digest);
    const config = JSON.parse((await readVerifiedBlob(first, manifest.config)).toString()) as ImageConfig;
    assert.deepEqual(config, image.config);
    for (const layer of manifest.layers) {
      const bytes = await readVerifiedBlob(first, layer);
      assert.equal(sha256Digest(bytes), layer.digest);
    }
    const second = await openDockerArchive(path, { tag: 'docker.io/library/busybox:test' });
    assert.deepEqual(
      (await second.getManifest()).bytes,
      raw.bytes,
      'the same archive gives the same manifest',
    );
    assert.equal((await second.getManifest('registry.example/team/app:latest')).digest, raw.digest);
    assert.equal((await second.getManifest(raw.digest)).digest, raw.digest);
  });

  test('layers stored gzip, plain, and behind docker-save symlinks are all served compressed', async () => {
    const plain = await layerOf('plain', 'none');
    const zipped = await layerOf('zipped', 'gzip');
    const path = await handmade(
      [
        {
          tags: ['mixed:1'],
          layers: [
            { path: 'abc/layer.tar', bytes: plain.bytes, diffId: plain.diffId },
            { path: `${hex(zipped.descriptor.digest)}.tar.gz`, bytes: zipped.bytes, diffId: zipped.diffId },
          ],
        },
      ],
      undefined,
      [{ header: { name: 'def/layer.tar', type: 'symlink', linkname: '../abc/layer.tar' } }],
    );
    const source = await openDockerArchive(path);
    const manifest = JSON.parse((await source.getManifest()).bytes.toString()) as ImageManifest;
    assert.equal(manifest.layers[1]?.digest, zipped.descriptor.digest, 'gzip layers are served as stored');
    const regzipped = manifest.layers[0];
    assert.ok(regzipped);
    assert.equal(regzipped.mediaType, MediaType.dockerLayerGzip);
    await drain(await source.openBlob(regzipped));
    await drain(await source.openBlob(regzipped));
    await assert.rejects(
      drain(await source.openBlob({ ...regzipped, size: regzipped.size - 1 })),
      DigestMismatchError,
    );
  });

  test('several images: chosen by tag or index; none chosen is ambiguous; an unknown tag is not found', async () => {
    const a = await layerOf('a', 'none');
    const b = await layerOf('b', 'none');
    const path = await handmade([
      { tags: ['one:1'], layers: [{ path: 'a.tar', bytes: a.bytes, diffId: a.diffId }] },
      { tags: ['two:2'], layers: [{ path: 'b.tar', bytes: b.bytes, diffId: b.diffId }] },
    ]);
    const byTag = await (await openDockerArchive(path, { tag: 'two:2' })).getManifest();
    const byIndex = await (await openDockerArchive(path, { index: 1 })).getManifest();
    assert.equal(byTag.digest, byIndex.digest);
    await assert.rejects((await openDockerArchive(path)).getManifest(), AmbiguousImageError);
    await assert.rejects(openDockerArchive(path, { tag: 'three:3' }), ImageNotFoundError);
  });
});

describe('docker-archive: bad input', () => {
  const ok = async () => {
    const layer = await layerOf('x', 'none');
    return { path: 'x.tar', bytes: layer.bytes, diffId: layer.diffId };
  };

  for (const evil of ['../../etc/passwd', '/etc/passwd']) {
    test(`manifest.json naming ${evil}: UnsafeArchivePathError`, async () => {
      const path = await handmade([], [{ Config: 'c.json', RepoTags: [], Layers: [evil] }]);
      await assert.rejects(openDockerArchive(path), (error: unknown) => {
        return error instanceof UnsafeArchivePathError && error.code === 'SLIPWAY_OCI_UNSAFE_PATH';
      });
    });
  }

  test('an entry escaping the archive: UnsafeTarError', async () => {
    const path = await handmade([{ tags: [], layers: [await ok()] }], undefined, [
      { header: { name: '../outside' }, content: Buffer.from('x') },
    ]);
    await assert.rejects(openDockerArchive(path), UnsafeTarError);
  });

  test('a layer whose bytes do not match the config diff_id: DigestMismatchError', async () => {
    const layer = await ok();
    const other = await layerOf('other', 'none');
    const path = await handmade([{ tags: [], layers: [{ ...layer, bytes: other.bytes }] }]);
    await assert.rejects((await openDockerArchive(path)).getManifest(), (error: unknown) => {
      return error instanceof DigestMismatchError && error.code === 'SLIPWAY_OCI_DIGEST_MISMATCH';
    });
  });

  test('a layer named by digest (docker 25 blobs/sha256/…) whose bytes differ: DigestMismatchError', async () => {
    const zipped = await layerOf('z', 'gzip');
    const recompressed = await createLayer([{ type: 'file', path: 'z.txt', content: 'z' }], {
      reproducible: true,
      gzipLevel: 1,
    });
    assert.equal(recompressed.diffId, zipped.diffId);
    const name = `blobs/sha256/${hex(zipped.descriptor.digest)}`;
    const path = await handmade([
      { tags: [], layers: [{ path: name, bytes: recompressed.bytes, diffId: zipped.diffId }] },
    ]);
    await assert.rejects((await openDockerArchive(path)).getManifest(), DigestMismatchError);
  });

  test('a config that does not match its digest name: DigestMismatchError', async () => {
    const config = `${'0'.repeat(64)}.json`;
    const path = await handmade(
      [],
      [{ Config: config, RepoTags: [], Layers: [] }],
      [{ header: { name: config }, content: Buffer.from('{"rootfs":{"type":"layers","diff_ids":[]}}') }],
    );
    await assert.rejects((await openDockerArchive(path)).getManifest(), DigestMismatchError);
  });

  test('a missing layer: MissingBlobError; config and manifest.json disagreeing: InvalidArchiveError', async () => {
    const layer = await ok();
    const missing = await handmade([{ tags: [], layers: [layer] }], undefined);
    const source = await openDockerArchive(missing);
    assert.ok(source.images[0]);
    const path = await handmade(
      [{ tags: [], layers: [{ ...layer, path: 'y.tar' }] }],
      [{ Config: source.images[0].config, RepoTags: [], Layers: ['nothere.tar'] }],
    );
    await assert.rejects((await openDockerArchive(path)).getManifest(), MissingBlobError);
    const twice = await handmade(
      [{ tags: [], layers: [layer] }],
      [{ Config: source.images[0].config, RepoTags: [], Layers: ['x.tar', 'x.tar'] }],
    );
    await assert.rejects((await openDockerArchive(twice)).getManifest(), InvalidArchiveError);
  });

  test('no manifest.json: legacy and OCI archives are told apart', async () => {
    const legacy = fresh();
    await writeFile(
      legacy,
      await tarBytes([{ header: { name: 'repositories' }, content: Buffer.from('{}') }]),
    );
    await assert.rejects(openDockerArchive(legacy), /pre-1\.10/);
    const oci = fresh();
    await writeFile(
      oci,
      await tarBytes([
        { header: { name: 'oci-layout' }, content: Buffer.from('{}') },
        { header: { name: 'index.json' }, content: Buffer.from('{}') },
      ]),
    );
    await assert.rejects(openDockerArchive(oci), (error: unknown) => {
      return error instanceof InvalidArchiveError && /openOciArchive/.test(error.message);
    });
  });
});
