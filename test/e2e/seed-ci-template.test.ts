// The first seed's pipeline (`ci-template`), run as its users run it: `template create`, then
// `submit --from workflowtemplate/ci-template -p … --watch`. The repository comes from a git server, the
// `alpine:3.17` steps from a stand-in image on a loopback registry, and the push goes to a second registry
// that wants the credentials of a Slipway secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import { startTestRegistry, type TestRegistry } from '../../packages/oci/src/testing/registry';
import { type GitServer, gitRepository, slipwayCli, startGitServer } from './support/seed-services';

const root = join(import.meta.dirname, '..', '..');
const template = join(root, 'test', 'fixtures', 'seeds', 'ci-template', 'ci-template.yaml');
const sampleApp = join(root, 'examples', 'main-job', 'sample-app');
const advisory = join(root, 'examples', 'main-job', 'advisories', 'GHSA-p6mc-m468-83gw.json');
const pusher = { username: 'ci-pusher', password: 'push-secret-8c1f' };

interface NodeJson {
  displayName: string;
  type: string;
  phase: string;
}

function sha256(bytes: string | Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

if (existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/skopeo'))
  describe('seed pipeline 1: ci-template (clone, ls, Kaniko build, Trivy scans, crane push)', () => {
    const work = mkdtempSync(join(tmpdir(), 'slipway-seed1-'));
    const home = join(work, 'home');
    const slipway = slipwayCli({ ...process.env, SLIPWAY_HOME: home, DOCKER_CONFIG: join(work, 'docker') });
    let mirror: TestRegistry;
    let destination: TestRegistry;
    let git: GitServer;
    let submitArgs: (name: string, push: boolean) => string[];

    before(async () => {
      mirror = await startTestRegistry('plain');
      destination = await startTestRegistry('basic', { user: pusher });
      const client = new RegistryClient(mirror.host, { insecure: true });
      const busybox = await buildBusyboxImage();
      for (const tag of ['3.17', '3.19'])
        await copyImage(busybox, [{ sink: client.repository('library/alpine'), tag }]);
      await client.close();
      gitRepository(join(work, 'git'), 'sample-app.git', sampleApp);
      git = await startGitServer(join(work, 'git'));
      for (const args of [
        [
          'secret',
          'create',
          'registry-credentials',
          '--from-literal',
          `username=${pusher.username}`,
          '--from-literal',
          `password=${pusher.password}`,
        ],
        ['db', 'import', advisory],
        ['template', 'create', template],
      ]) {
        const run = await slipway(args);
        assert.equal(run.status, 0, run.all);
      }
      submitArgs = (name, push) => [
        'submit',
        '--from',
        'workflowtemplate/ci-template',
        '--name',
        name,
        '-p',
        `repo=${git.url('sample-app.git')}`,
        '-p',
        'revision=main',
        '-p',
        `oci-registry=${destination.host}`,
        '-p',
        'oci-image=team/sample-app',
        '-p',
        'oci-tag=test-tag',
        '-p',
        `push-image=${push}`,
        '--registry-mirror',
        `docker.io=${mirror.host}`,
        '--insecure-registry',
        mirror.host,
        '--watch',
      ];
    });

    after(async () => {
      git?.stop();
      await mirror?.stop();
      await destination?.stop();
    });

    const phases = async (name: string) => {
      const got = await slipway(['get', name, '-o', 'json']);
      assert.equal(got.status, 0, got.all);
      const workflow = JSON.parse(got.stdout) as {
        status: { phase: string; nodes: Record<string, NodeJson> };
      };
      const pods = Object.values(workflow.status.nodes).filter((node) => node.type !== 'DAG');
      return {
        workflow: workflow.status.phase,
        nodes: Object.fromEntries(pods.map((node) => [node.displayName, node.phase])),
      };
    };

    test('push-image=true: every task succeeds, the scans report the advisory, the image reaches the registry', async () => {
      const run = await slipway(submitArgs('ci-push', true));
      assert.equal(run.status, 0, run.all);
      assert.match(run.stdout, /└─✔ push-image /, 'the live tree shows the push');
      assert.deepEqual(await phases('ci-push'), {
        workflow: 'Succeeded',
        nodes: {
          'git-clone': 'Succeeded',
          ls: 'Succeeded',
          build: 'Succeeded',
          'trivy-image-scan': 'Succeeded',
          'trivy-filesystem-scan': 'Succeeded',
          'push-image': 'Succeeded',
        },
      });
      const logs = async (node: string) => (await slipway(['logs', 'ci-push', '--node', node])).stdout;
      // `ls /` in the clone's workdir lists the stand-in image's root with the mounted volume in it.
      const ls = await logs('ls');
      assert.match(ls, /\bworkdir\b/);
      assert.match(ls, /\bbin\b/);
      const finding = /lodash\s+GHSA-p6mc-m468-83gw\s+HIGH\s+4\.17\.15\s+4\.17\.19/;
      assert.match(await logs('trivy-image-scan'), finding, 'the image scan finds lodash in the image');
      const filesystem = await logs('trivy-filesystem-scan');
      assert.match(filesystem, finding, 'the filesystem scan finds it in package-lock.json');
      assert.doesNotMatch(filesystem, /test-tag\.tar/, 'the image tar is skipped');

      // The manifest in the destination is the one crane reported, and holds the config of the built tar.
      const inspect = (args: string[]) => {
        const out = spawnSync('skopeo', args, { encoding: 'utf8' });
        assert.equal(out.status, 0, out.stderr);
        return out.stdout;
      };
      const creds = `--creds=${pusher.username}:${pusher.password}`;
      const raw = inspect([
        'inspect',
        '--raw',
        '--tls-verify=false',
        creds,
        `docker://${destination.host}/team/sample-app:test-tag`,
      ]);
      const pushLog = await logs('push-image');
      assert.ok(
        pushLog.includes(`${destination.host}/team/sample-app@${sha256(raw)}`),
        `crane printed the pushed digest:\n${pushLog}`,
      );
      const tar = join(home, 'volumes', 'pvc', 'ci-push-workdir', 'test-tag.tar');
      const tarConfig = JSON.parse(
        inspect(['inspect', '--config', '--raw', `docker-archive:${tar}`]),
      ) as object;
      const pushedConfig = inspect([
        'inspect',
        '--config',
        '--raw',
        '--tls-verify=false',
        creds,
        `docker://${destination.host}/team/sample-app:test-tag`,
      ]);
      assert.deepEqual(JSON.parse(pushedConfig), tarConfig, 'the registry holds the image the build wrote');
      // The secret's values never reach the stored logs.
      for (const node of ['push-image', 'build', 'git-clone'])
        assert.ok(!(await logs(node)).includes(pusher.password), `${node}'s logs hide the password`);
    });

    test('push-image=false: the push task is Skipped and the workflow still succeeds', async () => {
      const run = await slipway(submitArgs('ci-no-push', false));
      assert.equal(run.status, 0, run.all);
      const { workflow, nodes } = await phases('ci-no-push');
      assert.equal(workflow, 'Succeeded');
      assert.equal(nodes['push-image'], 'Skipped');
      assert.equal(nodes['trivy-image-scan'], 'Succeeded');
      const tags = spawnSync(
        'skopeo',
        [
          'list-tags',
          '--tls-verify=false',
          `--creds=${pusher.username}:${pusher.password}`,
          `docker://${destination.host}/team/sample-app`,
        ],
        { encoding: 'utf8' },
      );
      assert.deepEqual(JSON.parse(tags.stdout).Tags, ['test-tag'], 'only the first run pushed');
    });
  });
