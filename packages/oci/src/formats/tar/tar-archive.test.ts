import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InvalidArchiveError, UnsafeTarError } from '../errors';
import { TarArchive } from './tar-archive';
import { type InMemoryTarEntry, tarBytes } from './tar-pack';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-tar-'));
});
after(() => rm(dir, { recursive: true, force: true }));

let count = 0;
async function tarFile(entries: InMemoryTarEntry[], compress = false): Promise<string> {
  const path = join(dir, `t${count++}.tar`);
  const bytes = await tarBytes(entries);
  await writeFile(path, compress ? gzipSync(bytes) : bytes);
  return path;
}

const text = (value: string) => Buffer.from(value);

describe('TarArchive', () => {
  test('indexes files and reads them at random, following links that stay inside', async () => {
    const longName = `${'deep/'.repeat(30)}file.txt`; // ustar prefix field
    const paxName = `dir/${'n'.repeat(150)}`; // one component too long for ustar: a pax record
    const path = await tarFile([
      { header: { name: './a/', type: 'directory' } },
      { header: { name: './a/data.txt' }, content: text('hello') },
      { header: { name: 'b/layer.tar', type: 'symlink', linkname: '../a/data.txt' } },
      { header: { name: 'linkdir', type: 'symlink', linkname: 'a' } },
      { header: { name: 'hard', type: 'link', linkname: 'a/data.txt' } },
      { header: { name: longName }, content: text('long') },
      { header: { name: paxName }, content: text('pax') },
    ]);
    const archive = await TarArchive.open(path);
    assert.deepEqual(archive.files(), ['a/data.txt', longName, paxName]);
    assert.equal((await archive.readFile(paxName, 100))?.toString(), 'pax');
    assert.equal((await archive.readFile('a/data.txt', 100))?.toString(), 'hello');
    assert.equal((await archive.readFile('b/layer.tar', 100))?.toString(), 'hello');
    assert.equal((await archive.readFile('linkdir/data.txt', 100))?.toString(), 'hello');
    assert.equal((await archive.readFile('hard', 100))?.toString(), 'hello');
    assert.equal((await archive.readFile(longName, 100))?.toString(), 'long');
    assert.equal(await archive.readFile('missing', 100), undefined);
    const chunks: Buffer[] = [];
    for await (const chunk of archive.openFile('a/data.txt') ?? []) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), 'hello');
    await assert.rejects(archive.readFile('a/data.txt', 2), InvalidArchiveError);
  });

  test('reads a gzip-compressed tar through a temporary copy, removed on close', async () => {
    const archive = await TarArchive.open(
      await tarFile([{ header: { name: 'x' }, content: text('zip') }], true),
    );
    assert.equal((await archive.readFile('x', 10))?.toString(), 'zip');
    await archive.close();
  });

  test('rejects what is not a tar', async () => {
    const path = join(dir, 'not.tar');
    await writeFile(path, Buffer.alloc(2048, 'x'));
    await assert.rejects(TarArchive.open(path), (error: unknown) => {
      return error instanceof InvalidArchiveError && error.code === 'SLIPWAY_OCI_INVALID_ARCHIVE';
    });
  });

  const unsafe: [string, InMemoryTarEntry[]][] = [
    ['a `..` component', [{ header: { name: '../x' }, content: text('x') }]],
    ['a `..` inside the path', [{ header: { name: 'a/../../x' }, content: text('x') }]],
    ['an absolute path', [{ header: { name: '/etc/passwd' }, content: text('x') }]],
    [
      'a symlink escaping the tree',
      [{ header: { name: 'a/evil', type: 'symlink', linkname: '../../etc/passwd' } }],
    ],
    ['an absolute symlink', [{ header: { name: 'evil', type: 'symlink', linkname: '/etc/passwd' } }]],
    ['a hardlink escaping the tree', [{ header: { name: 'evil', type: 'link', linkname: '../etc/passwd' } }]],
  ];
  for (const [name, entries] of unsafe) {
    test(`rejects ${name}`, async () => {
      await assert.rejects(TarArchive.open(await tarFile(entries)), (error: unknown) => {
        return error instanceof UnsafeTarError && error.code === 'SLIPWAY_OCI_UNSAFE_TAR';
      });
    });
  }
});
