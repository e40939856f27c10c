import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLayer, writeDockerArchive } from '../../packages/oci/src';
import {
  assembleImage,
  buildBusyboxImage,
  imageIndex,
  randomLayerImage,
} from '../../packages/oci/src/testing/image-builder';
import { startTestRegistry, TEST_USER, type TestRegistry } from '../../packages/oci/src/testing/registry';

const main = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'slipway-crane-cli-'));

function crane(args: string[], options: { input?: string; dockerConfig?: string } = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'crane', ...args], {
    input: options.input,
    env: { ...process.env, DOCKER_CONFIG: options.dockerConfig ?? join(work, 'docker') },
  });
  return {
    status: run.status,
    stdout: run.stdout,
    text: run.stdout.toString('utf8'),
    stderr: run.stderr.toString('utf8'),
  };
}

function skopeoInspect(reference: string, raw = false, creds?: string): string {
  const args = [
    'inspect',
    '--tls-verify=false',
    ...(raw ? ['--raw'] : []),
    ...(creds ? ['--creds', creds] : []),
  ];
  const run = spawnSync('skopeo', [...args, `docker://${reference}`], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const DIGEST_LINE = /^[^@\s]+@sha256:[a-f0-9]{64}\n$/;

describe('slipway crane against real registries', () => {
  let plain: TestRegistry;
  let basic: TestRegistry;
  let tar: string;
  let pushed: string;

  before(async () => {
    [plain, basic] = await Promise.all([startTestRegistry('plain'), startTestRegistry('basic')]);
    tar = join(work, 'busybox.tar');
    await (await buildBusyboxImage({ applets: ['sh', 'echo'] })).writeDockerArchive(tar, ['busybox:test']);
  });

  after(async () => {
    await Promise.all([plain?.stop(), basic?.stop()]);
  });

  test('push to a basic-auth registry fails clearly before login and works after crane auth login', () => {
    const denied = crane(['push', tar, `${basic.host}/team/app:v1`, '--insecure']);
    assert.equal(denied.status, 1, denied.stderr);
    assert.equal(denied.text, '');
    assert.match(denied.stderr, /SLIPWAY_OCI_REGISTRY_AUTH/);
    const login = crane(['auth', 'login', basic.host, '-u', TEST_USER.username, '-p', TEST_USER.password]);
    assert.equal(login.status, 0, login.stderr);
    const config = JSON.parse(readFileSync(join(work, 'docker', 'config.json'), 'utf8'));
    assert.equal(
      Buffer.from(config.auths[basic.host].auth, 'base64').toString(),
      `${TEST_USER.username}:${TEST_USER.password}`,
    );
    const push = crane(['push', tar, `${basic.host}/team/app:v1`, '--insecure']);
    assert.equal(push.status, 0, push.stderr);
    assert.match(push.text, DIGEST_LINE);
    const [repo, digest] = push.text.trim().split('@');
    assert.equal(repo, `${basic.host}/team/app`);
    const creds = `${TEST_USER.username}:${TEST_USER.password}`;
    assert.equal(JSON.parse(skopeoInspect(`${basic.host}/team/app:v1`, false, creds)).Digest, digest);
  });

  test('login with --password-stdin, then logout forgets the credentials', () => {
    const config = join(work, 'other-docker');
    const login = crane(['auth', 'login', basic.host, '-u', TEST_USER.username, '--password-stdin'], {
      input: `${TEST_USER.password}\n`,
      dockerConfig: config,
    });
    assert.equal(login.status, 0, login.stderr);
    assert.equal(crane(['ls', `${basic.host}/team/app`], { dockerConfig: config }).text, 'v1\n');
    assert.equal(crane(['auth', 'logout', basic.host], { dockerConfig: config }).status, 0);
    assert.equal(crane(['ls', `${basic.host}/team/app`], { dockerConfig: config }).status, 1);
  });

  test('push prints REPO@DIGEST and writes it to --image-refs; skopeo sees the same manifest', () => {
    const refs = join(work, 'refs.txt');
    const push = crane(['push', tar, `${plain.host}/team/busybox:v1`, '--image-refs', refs]);
    assert.equal(push.status, 0, push.stderr);
    assert.match(push.text, DIGEST_LINE);
    pushed = push.text.trim();
    assert.equal(readFileSync(refs, 'utf8'), pushed);
    const raw = skopeoInspect(`${plain.host}/team/busybox:v1`, true);
    assert.equal(sha256(Buffer.from(raw)), pushed.split('@')[1]);
  });

  test('digest prints only the digest (also --full-ref and --tarball); manifest and config are byte-exact', () => {
    const digest = pushed.split('@')[1] ?? '';
    assert.equal(crane(['digest', `${plain.host}/team/busybox:v1`]).text, `${digest}\n`);
    assert.equal(crane(['digest', `${plain.host}/team/busybox:v1`, '--full-ref']).text, `${pushed}\n`);
    assert.equal(crane(['digest', '--tarball', tar]).text, `${digest}\n`);
    const manifest = crane(['manifest', `${plain.host}/team/busybox:v1`]);
    assert.equal(sha256(manifest.stdout), digest);
    assert.equal(manifest.stdout.toString(), skopeoInspect(`${plain.host}/team/busybox:v1`, true));
    const config = crane(['config', `${plain.host}/team/busybox:v1`]);
    assert.equal(sha256(config.stdout), JSON.parse(manifest.text).config.digest);
    assert.equal(JSON.parse(config.text).os, 'linux');
  });

  test('pull to a tarball and to an OCI layout; pushing either back gives the same digest', () => {
    const digest = pushed.split('@')[1];
    const pulledTar = join(work, 'pulled.tar');
    assert.equal(crane(['pull', `${plain.host}/team/busybox:v1`, pulledTar]).status, 0);
    assert.equal(
      crane(['push', pulledTar, `${plain.host}/again/tar:v1`])
        .text.trim()
        .split('@')[1],
      digest,
    );
    const layout = join(work, 'layout');
    const pull = crane(['pull', `${plain.host}/team/busybox:v1`, layout, '--format', 'oci']);
    assert.equal(pull.status, 0, pull.stderr);
    assert.equal(
      crane(['push', layout, `${plain.host}/again/layout:v1`]).text,
      `${plain.host}/again/layout@${digest}\n`,
    );
  });

  test('tag, ls (--full-ref, -O), copy --all-tags and cp, then delete', () => {
    const repo = `${plain.host}/team/busybox`;
    const digest = pushed.split('@')[1] ?? '';
    assert.equal(crane(['tag', `${repo}:v1`, 'stable']).status, 0);
    assert.equal(crane(['tag', `${repo}:v1`, `sha256-${digest.slice(7)}.sig`]).status, 0);
    assert.deepEqual(crane(['ls', repo, '-O']).text.split('\n').filter(Boolean).sort(), ['stable', 'v1']);
    assert.deepEqual(
      crane(['ls', repo, '--full-ref', '--omit-digest-tags']).text.split('\n').filter(Boolean).sort(),
      [`${repo}:stable`, `${repo}:v1`],
    );
    const copy = crane(['copy', repo, `${plain.host}/mirror/busybox`, '--all-tags', '-j', '2']);
    assert.equal(copy.status, 0, copy.stderr);
    assert.equal(
      crane(['ls', `${plain.host}/mirror/busybox`])
        .text.split('\n')
        .filter(Boolean).length,
      3,
    );
    assert.equal(crane(['digest', `${plain.host}/mirror/busybox:stable`]).text, `${digest}\n`);
    const cp = crane(['cp', `${repo}:v1`, `${plain.host}/cp/busybox:x`]);
    assert.equal(cp.status, 0, cp.stderr);
    assert.equal(JSON.parse(skopeoInspect(`${plain.host}/cp/busybox:x`)).Digest, digest);
    assert.equal(crane(['delete', `${plain.host}/cp/busybox:x`]).status, 0);
    const gone = crane(['digest', `${plain.host}/cp/busybox:x`]);
    assert.equal(gone.status, 1);
    assert.equal(gone.text, '');
  });

  test('copy --no-clobber leaves an existing tag alone', async () => {
    const other = join(work, 'random.tar');
    await writeDockerArchive(other, await randomLayerImage({ layers: 1, bytesPerLayer: 4096 }), {
      tags: ['random:1'],
    });
    const before = crane(['push', other, `${plain.host}/clobber/app:v1`])
      .text.trim()
      .split('@')[1];
    const copy = crane(['copy', `${plain.host}/team/busybox:v1`, `${plain.host}/clobber/app:v1`, '-n']);
    assert.equal(copy.status, 0, copy.stderr);
    assert.equal(crane(['digest', `${plain.host}/clobber/app:v1`]).text, `${before}\n`);
  });

  test('a multi-platform layout is pushed whole; --platform picks one manifest; validate reads it all', async () => {
    const layer = await createLayer([{ type: 'file', path: 'hello.txt', content: 'hello' }]);
    const amd64 = assembleImage([layer], { platform: { os: 'linux', architecture: 'amd64' } });
    const arm64 = assembleImage([layer], { platform: { os: 'linux', architecture: 'arm64' } });
    const dir = join(work, 'multi');
    await imageIndex([amd64, arm64]).writeOciLayout(dir);
    const push = crane(['push', dir, `${plain.host}/multi/app:v1`]);
    assert.equal(push.status, 0, push.stderr);
    const index = JSON.parse(skopeoInspect(`${plain.host}/multi/app:v1`, true));
    assert.equal(index.manifests.length, 2);
    assert.equal(
      crane(['digest', `${plain.host}/multi/app:v1`, '--platform', 'linux/arm64']).text,
      `${arm64.manifest.digest}\n`,
    );
    const config = crane(['--platform', 'linux/arm64', 'config', `${plain.host}/multi/app:v1`]);
    assert.equal(JSON.parse(config.text).architecture, 'arm64');
    assert.equal(
      sha256(config.stdout),
      JSON.parse(Buffer.from(arm64.manifest.bytes).toString()).config.digest,
    );
    assert.equal(
      crane(['manifest', `${plain.host}/multi/app:v1`, '--platform=linux/amd64']).text,
      Buffer.from(amd64.manifest.bytes).toString(),
    );
    const two = join(work, 'two');
    await amd64.writeOciLayout(two, 'amd64');
    await arm64.writeOciLayout(two, 'arm64');
    const ambiguous = crane(['push', two, `${plain.host}/two/app:v1`]);
    assert.equal(ambiguous.status, 2);
    assert.match(ambiguous.stderr, /holds 2 images; pass --index/);
    const asIndex = crane(['push', two, `${plain.host}/two/app:v1`, '--index']);
    assert.equal(asIndex.status, 0, asIndex.stderr);
    const pushedIndex = JSON.parse(skopeoInspect(`${plain.host}/two/app:v1`, true));
    assert.deepEqual(
      pushedIndex.manifests.map((m: { digest: string }) => m.digest).sort(),
      [amd64.manifest.digest, arm64.manifest.digest].sort(),
    );
    const validate = crane(['validate', '--remote', `${plain.host}/multi/app:v1`]);
    assert.equal(validate.text, `PASS: ${plain.host}/multi/app:v1\n`);
    const missing = crane(['validate', '--remote', `${plain.host}/multi/app:nope`]);
    assert.equal(missing.status, 1);
    assert.match(missing.text, /^FAIL: /);
  });

  test('unknown subcommands and flags are usage errors (exit 2) naming them; catalog says it is unsupported', () => {
    const unknown = crane(['mutate', 'x']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'mutate'/);
    const flag = crane(['push', tar, `${plain.host}/x:y`, '--tag-only']);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /unknown option '--tag-only'/);
    const catalog = crane(['catalog', plain.host]);
    assert.equal(catalog.status, 2);
    assert.match(catalog.stderr, /not supported.*SLIPWAY_CRANE_UNSUPPORTED/);
    assert.equal(crane(['--allow-nondistributable-artifacts', 'digest', pushed, '-v']).status, 0);
  });
});
