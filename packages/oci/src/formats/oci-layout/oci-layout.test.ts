import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlatformNotFoundError } from '../../copy/plan';
import type { ImageIndex, ImageManifest } from '../../model/descriptors';
import { DigestMismatchError, sha256Digest } from '../../model/digest';
import { MediaType } from '../../model/media-types';
import { assembleImage, imageIndex, type MemoryImage } from '../../testing/image-builder';
import { ImageNotFoundError, InvalidArchiveError, MissingBlobError } from '../errors';
import { createLayer } from '../layer/create-layer';
import { readVerifiedBlob } from '../shared/read-blob';
import { resolveImage } from '../shared/resolve-image';
import { blobPath } from './layout-index';
import { createOciLayout } from './oci-layout-sink';
import { openOciArchive, openOciLayout } from './open-oci-layout';
import { writeOciArchive } from './write-oci-archive';
import { writeOciLayout } from './write-oci-layout';

let dir = '';
let count = 0;
const fresh = () => join(dir, `case-${count++}`);
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-layout-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function smallImage(text: string, architecture = 'amd64'): Promise<MemoryImage> {
  const layer = await createLayer([{ type: 'file', path: 'hello.txt', content: text }], {
    reproducible: true,
  });
  return assembleImage([layer], {
    reference: `slipway.test/small:${text}`,
    platform: { os: 'linux', architecture },
  });
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}

describe('OCI layout', () => {
  test('round trip: write, read back by ref name, by digest, and by default; blobs verified', async () => {
    const image = await smallImage('one');
    const layout = fresh();
    await image.writeOciLayout(layout, 'v1');
    const source = await openOciLayout(layout);
    for (const ref of [undefined, 'v1', image.manifest.digest]) {
      const raw = await source.getManifest(ref);
      assert.equal(raw.digest, image.manifest.digest);
      assert.equal(raw.mediaType, MediaType.ociManifest);
    }
    const manifest = JSON.parse((await source.getManifest()).bytes.toString()) as ImageManifest;
    const config = await readVerifiedBlob(source, manifest.config);
    assert.equal(sha256Digest(config), manifest.config.digest);
    await assert.rejects(source.getManifest('nope'), ImageNotFoundError);
  });

  test('tags move between images; untagged puts are listed once; several images in one layout', async () => {
    const layout = fresh();
    const [one, two] = [await smallImage('a'), await smallImage('b')];
    await writeOciLayout(layout, one, { tag: 'latest' });
    await writeOciLayout(layout, two, { tag: 'latest' });
    await writeOciLayout(layout, one, { tag: 'old' });
    await writeOciLayout(layout, two);
    await writeOciLayout(layout, await smallImage('c'));
    await writeOciLayout(layout, await smallImage('c'));
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as ImageIndex;
    const names = index.manifests.map(
      (entry) => entry.annotations?.['org.opencontainers.image.ref.name'] ?? entry.digest,
    );
    assert.deepEqual(names, ['latest', 'old', (await smallImage('c')).manifest.digest]);
    const source = await openOciLayout(layout, { ref: 'old' });
    assert.equal((await source.getManifest()).digest, one.manifest.digest);
    assert.equal((await source.getManifest('latest')).digest, two.manifest.digest);
    const files = await readdir(join(layout, 'blobs', 'sha256'));
    assert.ok(!files.some((file) => file.startsWith('.')), 'no temporary files are left');
  });

  test('multi-platform: the top level is the raw index; children by digest; platform chosen by resolveImage', async () => {
    const index = imageIndex([await smallImage('x', 'amd64'), await smallImage('y', 'arm64')]);
    const layout = fresh();
    await index.writeOciLayout(layout);
    const source = await openOciLayout(layout);
    const top = await source.getManifest();
    assert.equal(top.mediaType, MediaType.ociIndex);
    assert.deepEqual(top.bytes, index.manifest.bytes);
    const arm = await resolveImage(source, { platform: { os: 'linux', architecture: 'arm64' } });
    assert.equal(arm.index?.digest, index.manifest.digest);
    const config = JSON.parse((await readVerifiedBlob(source, arm.parsed.config)).toString()) as {
      architecture: string;
    };
    assert.equal(config.architecture, 'arm64');
    await assert.rejects(
      resolveImage(source, { platform: { os: 'linux', architecture: 's390x' } }),
      PlatformNotFoundError,
    );
    // Children are blobs only: index.json lists just the tagged index.
    const listed = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as ImageIndex;
    assert.equal(listed.manifests.length, 1);
  });

  test('oci-archive round trip, also read by openOciArchive when gzip-compressed by hand', async () => {
    const image = await smallImage('arch');
    const path = join(dir, 'image.oci.tar');
    await image.writeOciArchive(path);
    const source = await openOciArchive(path, { ref: image.tag });
    assert.equal((await source.getManifest()).digest, image.manifest.digest);
    for (const layer of image.layers) await drain(await source.openBlob(layer.descriptor));
    await source.close();
    const again = join(dir, 'again.oci.tar');
    await writeOciArchive(again, image, { tag: image.tag });
    assert.deepEqual(await readFile(again), await readFile(path), 'oci-archives are reproducible');
  });
});

describe('OCI layout: bad input', () => {
  async function writtenLayout(): Promise<{ layout: string; image: MemoryImage }> {
    const image = await smallImage('bad');
    const layout = fresh();
    await image.writeOciLayout(layout);
    return { layout, image };
  }

  test('index.json with a wrong size: DigestMismatchError', async () => {
    const { layout } = await writtenLayout();
    const indexPath = join(layout, 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as ImageIndex;
    const entry = index.manifests[0];
    assert.ok(entry);
    entry.size += 1;
    await writeFile(indexPath, JSON.stringify(index));
    const source = await openOciLayout(layout);
    await assert.rejects(source.getManifest(), (error: unknown) => {
      return error instanceof DigestMismatchError && error.code === 'SLIPWAY_OCI_DIGEST_MISMATCH';
    });
  });

  test('a corrupt layer blob fails the read with DigestMismatchError', async () => {
    const { layout, image } = await writtenLayout();
    const layer = image.layers[0];
    assert.ok(layer);
    const file = join(layout, blobPath(layer.descriptor.digest));
    const bytes = await readFile(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const source = await openOciLayout(layout);
    await assert.rejects(drain(await source.openBlob(layer.descriptor)), DigestMismatchError);
  });

  test('a missing blob: MissingBlobError; a directory that is not a layout: InvalidArchiveError', async () => {
    const { layout, image } = await writtenLayout();
    await rm(join(layout, blobPath(image.manifest.digest)));
    const source = await openOciLayout(layout);
    await assert.rejects(source.getManifest(), (error: unknown) => {
      return error instanceof MissingBlobError && error.code === 'SLIPWAY_OCI_MISSING_BLOB';
    });
    await assert.rejects(openOciLayout(dir), InvalidArchiveError);
  });

  test('the sink refuses a manifest whose blobs are not there, and blobs that do not match', async () => {
    const image = await smallImage('sink');
    const sink = await createOciLayout(fresh());
    await assert.rejects(sink.putManifest(image.manifest, 'latest'), MissingBlobError);
    const layer = image.layers[0];
    assert.ok(layer);
    const lying = { ...layer.descriptor, digest: sha256Digest('something else') };
    await assert.rejects(
      sink.putBlob(lying, () => image.openBlob(layer.descriptor)),
      DigestMismatchError,
    );
    assert.equal(await sink.hasBlob(lying), false);
  });
});
