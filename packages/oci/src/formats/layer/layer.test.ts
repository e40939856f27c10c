import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import { sha256Digest } from '../../model/digest';
import { MediaType } from '../../model/media-types';
import { UnsafeTarError, UnsupportedCompressionError } from '../errors';
import { type InMemoryTarEntry, tarBytes } from '../tar/tar-pack';
import { createLayer } from './create-layer';
import type { LayerEntry } from './layer-entry';
import { createLayerFromDirectory } from './layer-from-directory';
import { readLayerEntries } from './read-layer';

const ENTRIES: LayerEntry[] = [
  { type: 'directory', path: 'etc' },
  { type: 'file', path: 'etc/hostname', content: 'slipway\n' },
  { type: 'file', path: 'etc/shadow', content: 'root:*:1::::::\n', mode: 0 },
  { type: 'directory', path: 'bin', mode: 0o755 },
  { type: 'file', path: 'bin/tool', content: new Uint8Array([1, 2, 3]), mode: 0o4755, uid: 10, gid: 20 },
  { type: 'symlink', path: 'bin/sh', target: 'tool' },
  { type: 'symlink', path: 'bin/abs', target: '/bin/tool' },
  { type: 'hardlink', path: 'bin/tool2', target: 'bin/tool' },
  { type: 'whiteout', path: 'etc/motd' },
  { type: 'opaque', path: 'var/cache' },
];

async function* bytesOf(buffer: Uint8Array): AsyncGenerator<Uint8Array> {
  yield buffer;
}

describe('createLayer / readLayer', () => {
  test('round trip: every entry kind, modes and owners kept, whiteouts decoded, digests right', async () => {
    const layer = await createLayer(ENTRIES, { reproducible: true });
    assert.equal(layer.descriptor.mediaType, MediaType.ociLayerGzip);
    assert.equal(layer.descriptor.digest, sha256Digest(layer.bytes));
    assert.equal(layer.descriptor.size, layer.bytes.byteLength);
    assert.equal(layer.diffId, sha256Digest(zlib.gunzipSync(layer.bytes)));
    const read = await readLayerEntries(bytesOf(layer.bytes));
    const byPath = new Map(read.map((entry) => [`${entry.type}:${entry.path}`, entry]));
    assert.equal(byPath.get('file:etc/hostname')?.bytes?.toString(), 'slipway\n');
    assert.equal(byPath.get('file:etc/shadow')?.mode, 0);
    const tool = byPath.get('file:bin/tool');
    assert.deepEqual([tool?.mode, tool?.uid, tool?.gid, tool?.size], [0o4755, 10, 20, 3]);
    assert.equal(byPath.get('symlink:bin/sh')?.target, 'tool');
    assert.equal(byPath.get('symlink:bin/abs')?.target, '/bin/tool');
    assert.equal(byPath.get('hardlink:bin/tool2')?.target, 'bin/tool');
    assert.ok(byPath.has('whiteout:etc/motd'));
    assert.ok(byPath.has('opaque:var/cache'));
    assert.ok(read.every((entry) => entry.mtime.getTime() === 0));
    // Reproducible order: bytewise by tar name.
    assert.deepEqual(
      read.map((entry) => entry.path),
      [
        'bin',
        'bin/abs',
        'bin/sh',
        'bin/tool',
        'bin/tool2',
        'etc',
        'etc/motd',
        'etc/hostname',
        'etc/shadow',
        'var/cache',
      ],
    );
  });

  test('reproducible: same entries in another order, with other mtimes, give the same digests', async () => {
    const a = await createLayer(ENTRIES, { reproducible: true });
    const shuffled = [...ENTRIES].reverse().map((entry) => ({ ...entry, mtime: new Date() }));
    const b = await createLayer(shuffled as LayerEntry[], { reproducible: true });
    assert.equal(a.descriptor.digest, b.descriptor.digest);
    assert.equal(a.diffId, b.diffId);
  });

  test('uncompressed layers: digest equals diffId, read back the same', async () => {
    const layer = await createLayer(ENTRIES, { compression: 'none' });
    assert.equal(layer.descriptor.mediaType, MediaType.ociLayer);
    assert.equal(layer.descriptor.digest, layer.diffId);
    assert.equal((await readLayerEntries(bytesOf(layer.bytes))).length, ENTRIES.length);
  });

  test('rejects entry paths that leave the tree when creating', async () => {
    await assert.rejects(
      createLayer([{ type: 'file', path: '../evil', content: '' }]),
      (error: unknown) => error instanceof UnsafeTarError && error.code === 'SLIPWAY_OCI_UNSAFE_TAR',
    );
  });
});

describe('readLayer safety', () => {
  const cases: [string, InMemoryTarEntry[]][] = [
    ['`..` component', [{ header: { name: 'a/../../x' }, content: Buffer.from('x') }]],
    ['absolute path', [{ header: { name: '/etc/passwd' }, content: Buffer.from('x') }]],
    ['symlink climbing out', [{ header: { name: 'a/link', type: 'symlink', linkname: '../../etc/passwd' } }]],
    ['hardlink out of the tree', [{ header: { name: 'x', type: 'link', linkname: '../outside' } }]],
    ['hardlink to an absolute path', [{ header: { name: 'x', type: 'link', linkname: '/etc/shadow' } }]],
  ];
  for (const [name, entries] of cases) {
    test(`rejects ${name}`, async () => {
      const tar = await tarBytes(entries);
      await assert.rejects(readLayerEntries(bytesOf(zlib.gzipSync(tar))), (error: unknown) => {
        return error instanceof UnsafeTarError && error.code === 'SLIPWAY_OCI_UNSAFE_TAR';
      });
    });
  }

  // Only a Node without zstd support has this error to give (Node 20 here).
  if (!('createZstdDecompress' in zlib)) {
    test('zstd layers: a clear error on a Node without zstd', async () => {
      const zstdFrame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
      await assert.rejects(readLayerEntries(bytesOf(zstdFrame)), UnsupportedCompressionError);
    });
  }
});

describe('createLayerFromDirectory', () => {
  const roots: string[] = [];
  after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  async function makeTree(mtime: Date): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'slipway-layer-'));
    roots.push(root);
    await mkdir(join(root, 'a/b'), { recursive: true });
    await writeFile(join(root, 'a/b/data.txt'), 'data');
    await writeFile(join(root, 'a-first'), 'hardlinked');
    await link(join(root, 'a-first'), join(root, 'a/z-second'));
    await symlink('b/data.txt', join(root, 'a/link'));
    for (const path of ['a/b/data.txt', 'a-first', 'a/b', 'a']) await utimes(join(root, path), mtime, mtime);
    return root;
  }

  test('same tree, different mtimes: same digest; hardlinks stored once', async () => {
    const one = await createLayerFromDirectory(await makeTree(new Date(1e12)), { reproducible: true });
    const two = await createLayerFromDirectory(await makeTree(new Date(2e12)), { reproducible: true });
    assert.equal(one.descriptor.digest, two.descriptor.digest);
    const entries = await readLayerEntries(bytesOf(one.bytes));
    const second = entries.find((entry) => entry.path === 'a/z-second');
    assert.equal(second?.type, 'hardlink');
    assert.equal(second?.target, 'a-first');
    assert.equal(entries.find((entry) => entry.path === 'a/link')?.target, 'b/data.txt');
    assert.equal(entries.find((entry) => entry.path === 'a/b/data.txt')?.bytes?.toString(), 'data');
  });

  test('prefix places the tree under a directory', async () => {
    const layer = await createLayerFromDirectory(await makeTree(new Date(0)), {
      prefix: 'app',
      reproducible: true,
    });
    const paths = (await readLayerEntries(bytesOf(layer.bytes))).map((entry) => entry.path);
    assert.ok(paths.includes('app/a/b/data.txt'));
  });
});
