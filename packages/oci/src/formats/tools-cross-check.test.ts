// Slipway's writers checked by the reference tools, and Slipway's readers fed what those tools write.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { ImageConfig } from '../model/descriptors';
import type { ImageSource } from '../model/image-store';
import { MediaType } from '../model/media-types';
import {
  assembleImage,
  buildBusyboxImage,
  DEFAULT_BUSYBOX,
  imageIndex,
  type MemoryImage,
} from '../testing/image-builder';
import { openDockerArchive } from './docker-archive/open-docker-archive';
import { createLayer } from './layer/create-layer';
import { openOciLayout } from './oci-layout/open-oci-layout';
import { readVerifiedBlob } from './shared/read-blob';
import { resolveImage } from './shared/resolve-image';

const run = promisify(execFile);
const missing = (tool: string) => (spawnSync(tool, ['--version']).error ? `${tool} not installed` : false);
const skopeoMissing = missing('skopeo');
const umociMissing = missing('umoci');
const busyboxMissing = existsSync(DEFAULT_BUSYBOX) ? false : 'busybox-static not installed';

/** skopeo without a policy file (CI images may lack /etc/containers/policy.json). */
async function skopeo(...args: string[]): Promise<string> {
  return (await run('skopeo', ['--insecure-policy', ...args])).stdout;
}

/** Config digest and diff_ids: equal whenever two copies are the same image, whatever the format. */
async function identity(source: ImageSource): Promise<{ config: string; diffIds: string[] }> {
  const { parsed } = await resolveImage(source);
  const config = JSON.parse((await readVerifiedBlob(source, parsed.config)).toString()) as ImageConfig;
  return { config: parsed.config.digest, diffIds: config.rootfs.diff_ids };
}

describe('cross-check with skopeo and umoci', { skip: busyboxMissing }, () => {
  let dir = '';
  let image: MemoryImage;
  let layout = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-cross-'));
    image = await buildBusyboxImage({ extraFiles: { 'etc/motd': 'built by slipway\n' } });
    layout = join(dir, 'layout');
    await image.writeOciLayout(layout, 'latest');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('skopeo inspects the OCI layout Slipway wrote', { skip: skopeoMissing }, async () => {
    const info = JSON.parse(await skopeo('inspect', `oci:${layout}:latest`)) as Record<string, unknown>;
    assert.equal(info.Digest, image.manifest.digest);
    assert.deepEqual(
      info.Layers,
      image.layers.map((layer) => layer.descriptor.digest),
    );
    assert.equal(info.Architecture, image.config?.architecture);
  });

  test('skopeo copies Slipway’s layout to docker-archive and oci; Slipway reads both back', {
    skip: skopeoMissing,
  }, async () => {
    const archive = join(dir, 'skopeo-docker.tar');
    const copy = join(dir, 'skopeo-oci');
    await skopeo('copy', `oci:${layout}:latest`, `docker-archive:${archive}:slipway.test/busybox:copied`);
    await skopeo('copy', `oci:${layout}:latest`, `oci:${copy}:copied`);
    const expected = await identity(image);
    const fromArchive = await openDockerArchive(archive, { tag: 'slipway.test/busybox:copied' });
    assert.deepEqual(await identity(fromArchive), expected);
    assert.deepEqual(await identity(await openOciLayout(copy, { ref: 'copied' })), expected);
  });

  test('skopeo reads the docker-archive and oci-archive Slipway wrote', { skip: skopeoMissing }, async () => {
    const archive = join(dir, 'slipway-docker.tar');
    await image.writeDockerArchive(archive, ['slipway.test/busybox:archived']);
    const info = JSON.parse(await skopeo('inspect', `docker-archive:${archive}`)) as Record<string, unknown>;
    assert.equal(info.Architecture, image.config?.architecture);
    const back = join(dir, 'from-docker');
    await skopeo('copy', `docker-archive:${archive}:slipway.test/busybox:archived`, `oci:${back}:back`);
    // Converting to OCI, skopeo re-serializes the config (other key order), so compare its content.
    const copied = await openOciLayout(back, { ref: 'back' });
    const { parsed } = await resolveImage(copied);
    assert.deepEqual(JSON.parse((await readVerifiedBlob(copied, parsed.config)).toString()), image.config);
    const ociArchive = join(dir, 'slipway-oci.tar');
    await image.writeOciArchive(ociArchive);
    const fromOciArchive = JSON.parse(await skopeo('inspect', `oci-archive:${ociArchive}:latest`)) as {
      Digest: string;
    };
    assert.equal(fromOciArchive.Digest, image.manifest.digest);
  });

  test('skopeo copies a Slipway multi-platform index with --all; Slipway reads the index back', {
    skip: skopeoMissing,
  }, async () => {
    const images = await Promise.all(
      ['amd64', 'arm64'].map(async (architecture) => {
        const layer = await createLayer([{ type: 'file', path: 'arch', content: architecture }], {
          reproducible: true,
        });
        return assembleImage([layer], { platform: { os: 'linux', architecture } });
      }),
    );
    const index = imageIndex(images);
    const source = join(dir, 'index-layout');
    const copy = join(dir, 'index-copy');
    await index.writeOciLayout(source, 'multi');
    await skopeo('copy', '--all', `oci:${source}:multi`, `oci:${copy}:multi`);
    const read = await openOciLayout(copy, { ref: 'multi' });
    const top = await read.getManifest();
    assert.equal(top.mediaType, MediaType.ociIndex);
    assert.equal(top.digest, index.manifest.digest);
    const arm = await resolveImage(read, { platform: { os: 'linux', architecture: 'arm64' } });
    assert.equal(arm.manifest.digest, images[1]?.manifest.digest);
  });

  test('umoci unpacks Slipway’s layout into a runnable rootfs', { skip: umociMissing }, async () => {
    const bundle = join(dir, 'bundle');
    await run('umoci', ['unpack', '--rootless', '--image', `${layout}:latest`, bundle]);
    const rootfs = join(bundle, 'rootfs');
    assert.ok(existsSync(join(rootfs, 'bin/busybox')));
    assert.equal(await readlink(join(rootfs, 'bin/sh')), 'busybox');
    // The binary is static, so the unpacked shell runs on the host as it would in a container.
    const { stdout } = await run(join(rootfs, 'bin/sh'), ['-c', `cat ${join(rootfs, 'etc/motd')}`]);
    assert.equal(stdout, 'built by slipway\n');
  });
});
