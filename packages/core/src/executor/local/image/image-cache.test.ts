import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, createLayer, type ImageSource, type LayerBlob, RegistryClient } from '@slipway/oci';
import { assembleImage, buildBusyboxImage } from '../../../../../oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../../../../oci/src/testing/registry';
import { rawTarLayer } from '../testing/fixtures';
import { ImageCache, type ImageCacheEvent } from './image-cache';
import { registryImageResolver, staticImageResolver } from './image-source-resolver';

const APPLETS = ['sh', 'ls', 'cat', 'echo'];

describe('ImageCache', () => {
  let work: string;
  let base: LayerBlob;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'slipway-image-cache-'));
    base = (await buildBusyboxImage({ applets: APPLETS })).layers[0]!;
  });
  after(() => rm(work, { recursive: true, force: true }));

  const cacheFor = (images: Record<string, ImageSource>, events: ImageCacheEvent[] = []) =>
    new ImageCache({
      dir: join(work, `cache-${Math.random().toString(36).slice(2)}`),
      resolver: staticImageResolver(images),
      onEvent: (event) => events.push(event),
    });
  const image = (layers: LayerBlob[], config = {}) =>
    assembleImage(layers, { reference: 'slipway.test/x:v1', config });

  test('applies layers in order: whiteouts, opaque directories, hardlinks to lower layers, symlinks, modes', async () => {
    const l2 = await createLayer([
      { type: 'directory', path: 'etc' },
      { type: 'file', path: 'etc/a', content: 'a' },
      { type: 'file', path: 'etc/b', content: 'b' },
      { type: 'file', path: 'etc/secret', content: 's', mode: 0o600 },
      { type: 'file', path: 'etc/suid', content: '#!/bin/sh', mode: 0o4755 },
      { type: 'directory', path: 'data' },
      { type: 'directory', path: 'data/x' },
      { type: 'file', path: 'data/x/1', content: '1' },
      { type: 'file', path: 'data/y', content: 'y' },
      { type: 'symlink', path: 'link-to-b', target: 'etc/b' },
      { type: 'directory', path: 'locked', mode: 0o500 },
      { type: 'file', path: 'locked/f', content: 'f' },
    ]);
    const l3 = await createLayer([
      { type: 'whiteout', path: 'etc/a' },
      { type: 'opaque', path: 'data' },
      { type: 'directory', path: 'data' },
      { type: 'file', path: 'data/z', content: 'z' },
      { type: 'hardlink', path: 'etc/b2', target: 'etc/b' },
    ]);
    const cache = cacheFor({
      img: image([base, l2, l3], { Env: ['A=1'], Cmd: ['sh'], WorkingDir: '/w', User: '7' }),
    });
    const got = await cache.get('img');
    const root = got.rootfs;
    assert.equal(existsSync(join(root, 'etc/a')), false, 'whiteout deletes');
    assert.equal(await readFile(join(root, 'etc/b'), 'utf8'), 'b');
    assert.deepEqual((await readdir(join(root, 'data'))).sort(), ['z'], 'opaque hides the lower layers');
    assert.equal((await stat(join(root, 'etc/b2'))).ino, (await stat(join(root, 'etc/b'))).ino, 'hardlink');
    assert.equal(await readlink(join(root, 'link-to-b')), 'etc/b');
    assert.equal((await stat(join(root, 'etc/secret'))).mode & 0o7777, 0o600);
    assert.equal((await stat(join(root, 'etc/suid'))).mode & 0o7777, 0o755, 'setuid is dropped');
    assert.equal((await stat(join(root, 'locked'))).mode & 0o7777, 0o500);
    assert.equal((await lstat(join(root, 'bin/sh'))).isSymbolicLink(), true);
    assert.deepEqual(got.config, { env: ['A=1'], workingDir: '/w', cmd: ['sh'], user: '7' });
  });

  test('concurrent pulls of one image unpack each layer once and compose once; shared layers are reused', async () => {
    const l2 = await createLayer([{ type: 'file', path: 'hello', content: 'hi' }]);
    const l3 = await createLayer([{ type: 'file', path: 'other', content: 'o' }]);
    const events: ImageCacheEvent[] = [];
    const cache = cacheFor({ one: image([base, l2]), two: image([base, l3]) }, events);
    const results = await Promise.all([...Array(6)].map(() => cache.get('one')));
    assert.equal(new Set(results.map((r) => r.rootfs)).size, 1);
    assert.equal(events.filter((e) => e.type === 'layer-unpacked').length, 2);
    assert.equal(events.filter((e) => e.type === 'image-composed').length, 1);
    await cache.get('two');
    assert.equal(
      events.filter((e) => e.type === 'layer-unpacked').length,
      3,
      'the base layer is not unpacked again',
    );
    const cacheDir = join(results[0]!.rootfs, '..', '..', '..');
    assert.deepEqual(await readdir(join(cacheDir, 'tmp')), [], 'no temporary directory is left');
  });

  const rejects = async (layers: LayerBlob[], pattern: RegExp) => {
    const cache = cacheFor({ bad: image([base, ...layers]) });
    await assert.rejects(cache.get('bad'), (error: Error & { code?: string }) => {
      assert.match(error.message, pattern);
      assert.match(error.code ?? '', /^SLIPWAY_/);
      return true;
    });
  };

  test('rejects `..` and absolute entries, and symlinks climbing above the root', async () => {
    await rejects([rawTarLayer([{ name: '../evil', content: 'x' }])], /`\.\.\/evil`.*`\.\.`/);
    await rejects([rawTarLayer([{ name: '/abs', content: 'x' }])], /absolute/);
    await rejects([rawTarLayer([{ name: 'up', type: 'symlink', linkname: '../../..' }])], /above the root/);
  });

  test('rejects writes and hardlinks through symlinks, in one layer or across layers', async () => {
    const outside = await mkdtemp(join(work, 'outside-'));
    await rejects(
      [
        rawTarLayer([
          { name: 'esc', type: 'symlink', linkname: outside },
          { name: 'esc/pwned', content: 'x' },
        ]),
      ],
      /esc\/pwned.*goes through the symlink `esc`/,
    );
    await rejects(
      [
        rawTarLayer([{ name: 'esc', type: 'symlink', linkname: outside }]),
        rawTarLayer([{ name: 'esc/pwned', content: 'x' }]),
      ],
      /esc.*goes through the symlink/,
    );
    await rejects(
      [
        rawTarLayer([
          { name: 'x', type: 'symlink', linkname: '/etc' },
          { name: 'y', type: 'hardlink', linkname: 'x/passwd' },
        ]),
      ],
      /hardlink through the symlink `x`/,
    );
    assert.deepEqual(await readdir(outside), [], 'nothing was written outside the image');
  });

  test('a directory entry over a lower layer symlink replaces the symlink (it does not follow it)', async () => {
    const outside = await mkdtemp(join(work, 'outside-'));
    const cache = cacheFor({
      ok: image([
        base,
        rawTarLayer([{ name: 'd', type: 'symlink', linkname: outside }]),
        rawTarLayer([
          { name: 'd/', type: 'directory' },
          { name: 'd/f', content: 'inside' },
        ]),
      ]),
    });
    const { rootfs } = await cache.get('ok');
    assert.equal((await lstat(join(rootfs, 'd'))).isDirectory(), true);
    assert.equal(await readFile(join(rootfs, 'd/f'), 'utf8'), 'inside');
    assert.deepEqual(await readdir(outside), []);
  });
});

describe('ImageCache from a registry', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  let work: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'slipway-image-registry-'));
    registry = await startTestRegistry('plain');
    const busybox = await buildBusyboxImage({ applets: APPLETS });
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(busybox, [{ sink: client.repository('library/busybox'), tag: 'v1' }]);
  });
  after(async () => {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('pulls docker.io images through a mirror, then IfNotPresent and Never use the cache only', async () => {
    let resolved = 0;
    const resolver = registryImageResolver({
      mirrors: { 'docker.io': registry.host },
      insecure: [registry.host],
    });
    const options = {
      dir: join(work, 'cache'),
      resolver: (image: string) => {
        resolved++;
        return resolver(image);
      },
    };
    const first = await new ImageCache(options).get('busybox:v1');
    assert.equal((await lstat(join(first.rootfs, 'bin/busybox'))).isFile(), true);
    const again = new ImageCache(options);
    assert.equal((await again.get('busybox:v1')).rootfs, first.rootfs);
    assert.equal((await again.get('busybox:v1', 'Never')).rootfs, first.rootfs);
    assert.equal(resolved, 1, 'a tagged image already present is not looked up again');
    await again.get('busybox:v1', 'Always');
    assert.equal(resolved, 2);
    await assert.rejects(again.get('busybox:v2', 'Never'), /imagePullPolicy is Never/);
    await assert.rejects(again.get('busybox:missing'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'SLIPWAY_EXEC_IMAGE_PULL');
      assert.match(error.message, /busybox:missing/);
      return true;
    });
  });
});
