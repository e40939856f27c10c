import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DirectoryArtifactStore } from './artifact-store';

describe('DirectoryArtifactStore', () => {
  const work = mkdtempSync(join(tmpdir(), 'slipway-artifacts-'));
  const store = new DirectoryArtifactStore(join(work, 'store'));

  test('a key with a subPath appended names a file inside a stored directory, never outside it', async () => {
    const dir = join(work, 'out');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'hello_world.txt'), 'hello\n');
    writeFileSync(join(dir, 'sub', 'deep.txt'), 'deep\n');
    writeFileSync(join(work, 'secret'), 'host file\n');
    symlinkSync(join(work, 'secret'), join(dir, 'escape'));
    await store.put(dir, 'wf/node/hello-art');

    const file = await store.get('wf/node/hello-art/hello_world.txt');
    assert.equal(readFileSync(file!, 'utf8'), 'hello\n');
    assert.equal(readFileSync((await store.get('wf/node/hello-art/sub/deep.txt'))!, 'utf8'), 'deep\n');
    assert.equal(await store.get('wf/node/hello-art/missing.txt'), undefined);
    assert.equal(await store.get('wf/node/other/hello_world.txt'), undefined);
    // An absolute symlink restarts at the artifact's root, where there is no such file.
    assert.equal(await store.get('wf/node/hello-art/escape'), undefined);
  });

  test('a whole stored file is found by its key, and a subPath under a file finds nothing', async () => {
    writeFileSync(join(work, 'single'), 'one\n');
    await store.put(join(work, 'single'), 'wf/node/single');
    assert.equal(readFileSync((await store.get('wf/node/single'))!, 'utf8'), 'one\n');
    assert.equal(await store.get('wf/node/single/x'), undefined);
  });
});
