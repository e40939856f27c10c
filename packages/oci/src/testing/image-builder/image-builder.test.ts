import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hostPlatform } from '../../copy/plan';
import { openDockerArchive } from '../../formats/docker-archive/open-docker-archive';
import { writeDockerArchive } from '../../formats/docker-archive/write-docker-archive';
import { readLayerEntries } from '../../formats/layer/read-layer';
import { openOciLayout } from '../../formats/oci-layout/open-oci-layout';
import { openVerifiedBlob, readVerifiedBlob } from '../../formats/shared/read-blob';
import { resolveImage } from '../../formats/shared/resolve-image';
import type { ImageConfig } from '../../model/descriptors';
import type { ImageSource } from '../../model/image-store';
import { buildBusyboxImage, DEFAULT_BUSYBOX, randomLayerImage } from './index';

const noBusybox = existsSync(DEFAULT_BUSYBOX) ? false : 'busybox-static not installed';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-image-builder-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** What must survive any format conversion: the config (hence the image ID) and the uncompressed layers. */
async function identity(source: ImageSource): Promise<{ configDigest: string; config: ImageConfig }> {
  const { parsed } = await resolveImage(source);
  const bytes = await readVerifiedBlob(source, parsed.config);
  return { configDigest: parsed.config.digest, config: JSON.parse(bytes.toString()) as ImageConfig };
}

describe('buildBusyboxImage', { skip: noBusybox }, () => {
  test('bin/busybox plus applet links, Cmd sh, PATH, this machine’s platform; reproducible', async () => {
    const image = await buildBusyboxImage({ applets: ['sh', 'ls', 'echo'] });
    const again = await buildBusyboxImage({ applets: ['sh', 'ls', 'echo'] });
    assert.equal(image.manifest.digest, again.manifest.digest);
    assert.deepEqual(image.config?.config?.Cmd, ['sh']);
    assert.match(image.config?.config?.Env?.[0] ?? '', /^PATH=.*\/bin/);
    assert.equal(image.config?.architecture, hostPlatform().architecture);
    const layer = image.layers[0];
    assert.ok(layer);
    const entries = await readLayerEntries(await openVerifiedBlob(image, layer.descriptor));
    assert.deepEqual(
      entries.map((entry) => [entry.path, entry.type, entry.target ?? entry.mode]),
      [
        ['bin', 'directory', 0o755],
        ['bin/busybox', 'file', 0o755],
        ['bin/echo', 'symlink', 'busybox'],
        ['bin/ls', 'symlink', 'busybox'],
        ['bin/sh', 'symlink', 'busybox'],
      ],
    );
  });

  test('default applets come from `busybox --list`; extraFiles make a second layer with parents', async () => {
    const image = await buildBusyboxImage({ extraFiles: { 'etc/app/config.txt': 'x=1\n' }, tag: 'demo:1' });
    assert.equal(image.layers.length, 2);
    assert.equal(image.tag, '1');
    const [base, extra] = image.layers;
    assert.ok(base && extra);
    const applets = await readLayerEntries(await openVerifiedBlob(image, base.descriptor));
    assert.ok(applets.length > 100, 'busybox has well over 100 applets');
    const files = await readLayerEntries(await openVerifiedBlob(image, extra.descriptor));
    assert.deepEqual(
      files.map((entry) => entry.path),
      ['etc', 'etc/app', 'etc/app/config.txt'],
    );
  });

  test('round trip: memory → OCI layout → read back → docker-archive → read back keeps config and layers', async () => {
    const image = await buildBusyboxImage({ applets: ['sh'], extraFiles: { 'hello.txt': 'hi' } });
    const layout = join(dir, 'layout');
    await image.writeOciLayout(layout);
    const fromLayout = await openOciLayout(layout, { ref: image.tag });
    assert.equal((await fromLayout.getManifest()).digest, image.manifest.digest);
    const tarPath = join(dir, 'image.tar');
    await writeDockerArchive(tarPath, fromLayout, { tags: [image.reference] });
    const fromArchive = await openDockerArchive(tarPath, { tag: image.reference });
    const [a, b, c] = [await identity(image), await identity(fromLayout), await identity(fromArchive)];
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
    // Re-gzipping the plain layers of the archive with the same zlib gives back the very same blobs.
    const { parsed } = await resolveImage(fromArchive);
    assert.deepEqual(
      parsed.layers.map((layer) => layer.digest),
      image.layers.map((layer) => layer.descriptor.digest),
    );
  });
});

describe('randomLayerImage', () => {
  test('deterministic from the seed, distinct layers, incompressible', async () => {
    const one = await randomLayerImage({ layers: 2, bytesPerLayer: 64 * 1024, seed: 7 });
    const two = await randomLayerImage({ layers: 2, bytesPerLayer: 64 * 1024, seed: 7 });
    const other = await randomLayerImage({ layers: 2, bytesPerLayer: 64 * 1024, seed: 8 });
    assert.equal(one.manifest.digest, two.manifest.digest);
    assert.notEqual(one.manifest.digest, other.manifest.digest);
    const [first, second] = one.layers;
    assert.ok(first && second);
    assert.notEqual(first.descriptor.digest, second.descriptor.digest);
    assert.ok(first.descriptor.size > 64 * 1024, 'gzip cannot shrink random bytes');
  });
});
