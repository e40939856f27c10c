import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { resolveInRoot } from './resolve-in-root';

let root: string;
let volume: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'slipway-root-'));
  volume = await mkdtemp(join(tmpdir(), 'slipway-volume-'));
  await mkdir(join(root, 'real/dir'), { recursive: true });
  await writeFile(join(root, 'real/dir/file'), 'x');
  await symlink('/real/dir', join(root, 'abs'));
  await symlink('../../../../../../../etc/passwd', join(root, 'climb'));
  await symlink('loop2', join(root, 'loop1'));
  await symlink('loop1', join(root, 'loop2'));
  await symlink('/mnt/v/inner', join(root, 'into-volume'));
  await writeFile(join(volume, 'inner'), 'v');
});
after(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(volume, { recursive: true, force: true });
});

test('absolute symlinks restart from the container root, `..` stops at it', async () => {
  assert.equal(await resolveInRoot(root, '/abs/file', []), join(root, 'real/dir/file'));
  assert.equal(await resolveInRoot(root, '/climb', []), join(root, 'etc/passwd'));
  assert.equal(await resolveInRoot(root, '/real/../../../real/dir', []), join(root, 'real/dir'));
});

test('mounts are followed, symlink loops are refused, missing paths resolve where they would be', async () => {
  const mounts = [{ containerPath: '/mnt/v', hostPath: volume }];
  assert.equal(await resolveInRoot(root, '/into-volume', mounts), join(volume, 'inner'));
  assert.equal(await resolveInRoot(root, '/mnt/v', mounts), volume);
  await assert.rejects(resolveInRoot(root, '/loop1', []), /too many symlinks/);
  assert.equal(await resolveInRoot(root, '/nope/deeper', []), join(root, 'nope/deeper'));
});
