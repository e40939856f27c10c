import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  freePort,
  startTestRegistry,
  TEST_USER,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

const main = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
const skip = dockerRegistrySkip();
const work = mkdtempSync(join(tmpdir(), 'slipway-image-cli-'));
const env = { ...process.env, DOCKER_CONFIG: join(work, 'docker') };

function slipway(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    input,
    env,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('slipway image against real registries', { skip }, () => {
  let plain: TestRegistry;
  let basic: TestRegistry;
  let tar: string;
  let expectedDigest: string;

  before(async () => {
    [plain, basic] = await Promise.all([startTestRegistry('plain'), startTestRegistry('basic')]);
    const image = await buildBusyboxImage({ applets: ['sh', 'echo', 'ls'] });
    tar = join(work, 'busybox.tar');
    await image.writeDockerArchive(tar, ['busybox:test']);
    const login = slipway(
      ['auth', 'login', basic.host, '-u', TEST_USER.username, '--password-stdin'],
      TEST_USER.password,
    );
    assert.equal(login.status, 0, login.stderr);
  });

  after(async () => {
    await Promise.all([plain?.stop(), basic?.stop()]);
  });

  test('push one tar to two registries (one with basic auth from config.json) in one command', () => {
    const run = slipway([
      'image',
      'push',
      tar,
      `${plain.host}/team/busybox:v1`,
      `${basic.host}/team/busybox:v1`,
      '--insecure',
      '-o',
      'json',
    ]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.destinations.map((d: { ok: boolean }) => d.ok),
      [true, true],
    );
    expectedDigest = report.digest;
    assert.match(expectedDigest, /^sha256:[a-f0-9]{64}$/);
    assert.ok(
      report.destinations.every((d: { uploaded: number }) => d.uploaded === 2),
      'config and one layer sent to each',
    );
  });

  test('the pushed image reads back: digest, tags, and skopeo agrees', () => {
    const digest = slipway(['image', 'digest', `${plain.host}/team/busybox:v1`, '--insecure']);
    assert.equal(digest.stdout.trim(), expectedDigest);
    assert.equal(slipway(['image', 'ls', `${basic.host}/team/busybox`, '--insecure']).stdout.trim(), 'v1');
    if (existsSync('/usr/bin/skopeo')) {
      const inspect = spawnSync(
        'skopeo',
        ['inspect', '--tls-verify=false', `docker://${plain.host}/team/busybox:v1`],
        { encoding: 'utf8' },
      );
      assert.equal(inspect.status, 0, inspect.stderr);
      assert.equal(JSON.parse(inspect.stdout).Digest, expectedDigest);
    }
  });

  test('a second push sends nothing; pull to a tar and push again gives the same digest', () => {
    const again = JSON.parse(
      slipway(['image', 'push', tar, `${plain.host}/team/busybox:v1`, '--insecure', '-o', 'json']).stdout,
    );
    assert.equal(again.destinations[0].uploaded, 0);
    assert.equal(again.destinations[0].existing, 2);
    const pulled = join(work, 'pulled.tar');
    const pull = slipway([
      'image',
      'pull',
      `${basic.host}/team/busybox:v1`,
      pulled,
      '--format',
      'tar',
      '--insecure',
    ]);
    assert.equal(pull.status, 0, pull.stderr);
    const repush = JSON.parse(
      slipway(['image', 'push', pulled, `${plain.host}/other/busybox:v2`, '--insecure', '-o', 'json']).stdout,
    );
    assert.equal(repush.digest, expectedDigest);
  });

  test('copy between repositories of one registry mounts the blobs instead of sending them', () => {
    const run = JSON.parse(
      slipway([
        'image',
        'copy',
        `${plain.host}/team/busybox:v1`,
        `${plain.host}/mounted/busybox:v1`,
        '--insecure',
        '-o',
        'json',
      ]).stdout,
    );
    assert.equal(run.destinations[0].ok, true);
    assert.equal(run.destinations[0].mounted, 2);
    assert.equal(run.destinations[0].uploaded, 0);
  });

  test('tag and delete', () => {
    assert.equal(
      slipway(['image', 'tag', `${plain.host}/team/busybox:v1`, 'stable', '--insecure']).status,
      0,
    );
    assert.deepEqual(
      slipway(['image', 'ls', `${plain.host}/team/busybox`, '--insecure'])
        .stdout.trim()
        .split('\n')
        .sort(),
      ['stable', 'v1'],
    );
    assert.equal(slipway(['image', 'delete', `${plain.host}/team/busybox:stable`, '--insecure']).status, 0);
    const gone = slipway(['image', 'digest', `${plain.host}/team/busybox:v1`, '--insecure']);
    assert.equal(gone.status, 1, 'the manifest both tags pointed at is gone');
  });

  test('fail open: an unreachable destination is reported, the other still gets the image', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const run = slipway([
      'image',
      'push',
      tar,
      `${closed}/x/busybox:v1`,
      `${plain.host}/failopen/busybox:v1`,
      '--insecure',
      '--retries',
      '0',
      '-o',
      'json',
    ]);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.destinations[0].ok, false);
    assert.ok(report.destinations[0].error.message.length > 0);
    assert.equal(report.destinations[1].ok, true);
    assert.equal(
      slipway(['image', 'digest', `${plain.host}/failopen/busybox:v1`, '--insecure']).stdout.trim(),
      report.digest,
    );
  });

  test('wrong credentials fail with a clear message that does not contain the password', () => {
    const other = join(work, 'bad-docker');
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'auth', 'login', basic.host, '-u', 'slipway', '--password-stdin'],
      {
        encoding: 'utf8',
        input: 'not-the-password',
        env: { ...env, DOCKER_CONFIG: other },
      },
    );
    assert.equal(bad.status, 0);
    const push = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'image', 'push', tar, `${basic.host}/team/denied:v1`, '--insecure'],
      {
        encoding: 'utf8',
        env: { ...env, DOCKER_CONFIG: other },
      },
    );
    assert.equal(push.status, 1);
    assert.match(push.stdout + push.stderr, /401|unauthorized|denied|credentials/i);
    assert.ok(!(push.stdout + push.stderr).includes('not-the-password'));
  });
});
