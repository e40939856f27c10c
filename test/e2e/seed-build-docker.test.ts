// The second seed's pipelines (`docker-build`, `crane`, `build-docker`), run as its users run them: a first
// workflow fills the shared source volume, then `build-docker` builds with Kaniko and pushes to a first registry,
// pushes the tar with crane to a second one reached as an ECR host of another partition (its token from an
// ECR API stand-in), notifies a Slack-style webhook whether crane succeeded or not, and posts from its exit
// handler when the workflow did not succeed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { type EcrStandIn, startEcrStandIn, tokenAnswer } from '../../packages/oci/src/auth/auth-test-support';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import { startTestRegistry, type TestRegistry } from '../../packages/oci/src/testing/registry';
import {
  type GitServer,
  gitRepository,
  slipwayCli,
  startGitServer,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/seed-services';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'seeds', 'build-docker');
const sampleApp = join(root, 'examples', 'main-job', 'sample-app');
const builder = { username: 'image-builder', password: 'first-registry-3f9a' };
const ecrHost = '210987654321.dkr.ecr.us-gov-west-1.amazonaws.com';
const secondAccount = { accessKeyId: 'AKIASECONDACCOUNT01', secretAccessKey: 'second-account-secret-key' };
const secondPassword = 'ecr-token-password-77d2';

interface NodeJson {
  displayName: string;
  type: string;
  phase: string;
}

function sha256(bytes: string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

if (existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/skopeo'))
  describe('seed pipeline 2: build-docker (Kaniko to registry A, crane to an ECR registry B, notifications)', () => {
    const work = mkdtempSync(join(tmpdir(), 'slipway-seed2-'));
    const home = join(work, 'home');
    const slipway = slipwayCli({ ...process.env, SLIPWAY_HOME: home, DOCKER_CONFIG: join(work, 'docker') });
    let mirror: TestRegistry;
    let first: TestRegistry;
    let second: TestRegistry;
    let ecr: EcrStandIn;
    let webhook: WebhookReceiver;
    let git: GitServer;
    // The password the stand-in's next token carries: registry B's own, or one it refuses.
    let tokenPassword = secondPassword;

    const ok = async (args: string[]) => {
      const run = await slipway(args);
      assert.equal(run.status, 0, run.all);
      return run;
    };

    before(async () => {
      mirror = await startTestRegistry('plain');
      first = await startTestRegistry('basic', { user: builder });
      second = await startTestRegistry('basic', { user: { username: 'AWS', password: secondPassword } });
      ecr = await startEcrStandIn((request) =>
        request.accessKeyId === secondAccount.accessKeyId
          ? tokenAnswer(tokenPassword, Date.now() + 3_600_000)
          : { status: 400, body: { __type: 'UnrecognizedClientException', message: 'unknown key' } },
      );
      webhook = await startWebhookReceiver();
      const client = new RegistryClient(mirror.host, { insecure: true });
      await copyImage(await buildBusyboxImage(), [
        { sink: client.repository('library/alpine'), tag: '3.19' },
      ]);
      await client.close();

      const repo = join(work, 'git', 'sample-app.git');
      gitRepository(join(work, 'git'), 'sample-app.git', sampleApp);
      // A second branch whose Dockerfile does not build.
      const gitIn = (...args: string[]) => {
        const run = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
      };
      gitIn('checkout', '-q', '-b', 'broken');
      writeFileSync(join(repo, 'Dockerfile'), 'FROM alpine:3.19\nRUN exit 3\n');
      gitIn(
        '-c',
        'user.name=slipway',
        '-c',
        'user.email=slipway@localhost',
        'commit',
        '-qam',
        'break the build',
      );
      gitIn('checkout', '-q', 'main');
      git = await startGitServer(join(work, 'git'));

      const dockerConfig = JSON.stringify({
        auths: {
          [first.host]: { auth: Buffer.from(`${builder.username}:${builder.password}`).toString('base64') },
        },
      });
      await ok(['secret', 'create', 'first-registry', '--from-literal', `.dockerconfigjson=${dockerConfig}`]);
      await ok([
        'secret',
        'create',
        'second-account-aws',
        '--from-literal',
        `AWS_ACCESS_KEY_ID=${secondAccount.accessKeyId}`,
        '--from-literal',
        `AWS_SECRET_ACCESS_KEY=${secondAccount.secretAccessKey}`,
        '--from-literal',
        `AWS_ENDPOINT_URL_ECR=${ecr.endpoint}`,
      ]);
      await ok([
        'secret',
        'create',
        'build-notification',
        '--from-literal',
        `url=${webhook.url('/services/T0/B0/x')}`,
      ]);
      for (const file of ['git-clone', 'docker-build', 'crane', 'notifications', 'build-docker'])
        await ok(['template', 'create', join(fixtures, `${file}.yaml`)]);
      const registryFlags = [
        '--registry-mirror',
        `docker.io=${mirror.host}`,
        '--insecure-registry',
        mirror.host,
      ];
      for (const [name, revision] of [
        ['source-good', 'main'],
        ['source-broken', 'broken'],
      ] as const)
        await ok([
          'submit',
          '--from',
          'workflowtemplate/git-clone',
          '--name',
          name,
          '-p',
          `repo=${git.url('sample-app.git')}`,
          '-p',
          `revision=${revision}`,
          ...registryFlags,
        ]);
    });

    after(async () => {
      git?.stop();
      await Promise.all([mirror?.stop(), first?.stop(), second?.stop(), ecr?.close(), webhook?.close()]);
    });

    const buildDocker = (name: string, source: string) =>
      slipway([
        'submit',
        '--from',
        'workflowtemplate/build-docker',
        '--name',
        name,
        '-p',
        'build_path=project/app',
        '-p',
        `destination_image_1=${first.host}/infrasec-project`,
        '-p',
        'destination_image_2=infrasec-project',
        '-p',
        `ecr_repository_2=${ecrHost}`,
        '-p',
        'image_tag=v1.2.3',
        '-p',
        `source_workflow=${source}`,
        '--registry-mirror',
        `docker.io=${mirror.host}`,
        '--insecure-registry',
        mirror.host,
        '--registry-endpoint',
        `${ecrHost}=${second.host}`,
      ]);

    const phases = async (name: string) => {
      const workflow = JSON.parse((await ok(['get', name, '-o', 'json'])).stdout) as {
        status: { phase: string; nodes: Record<string, NodeJson> };
      };
      const leaves = Object.values(workflow.status.nodes).filter(
        (node) => node.type === 'Pod' || node.type === 'Skipped' || node.type === 'Omitted',
      );
      return {
        workflow: workflow.status.phase,
        nodes: Object.fromEntries(leaves.map((node) => [node.displayName, node.phase])),
      };
    };

    const manifest = (registry: TestRegistry, user: { username: string; password: string }, ref: string) => {
      const out = spawnSync(
        'skopeo',
        [
          'inspect',
          '--raw',
          '--tls-verify=false',
          `--creds=${user.username}:${user.password}`,
          `docker://${registry.host}/${ref}`,
        ],
        { encoding: 'utf8' },
      );
      return { status: out.status, raw: out.stdout, stderr: out.stderr };
    };

    test('it succeeds: the image is in both registries, one notification, the exit handler stays quiet', async () => {
      const posted = webhook.posts.length;
      const run = await buildDocker('build-ok', 'source-good');
      assert.equal(run.status, 0, run.all);
      assert.deepEqual(await phases('build-ok'), {
        workflow: 'Succeeded',
        nodes: {
          kaniko: 'Succeeded',
          crane: 'Succeeded',
          notification: 'Succeeded',
          'notify-on-failure': 'Skipped',
        },
      });
      const inFirst = manifest(first, builder, 'infrasec-project:v1.2.3');
      assert.equal(inFirst.status, 0, inFirst.stderr);
      const inSecond = manifest(
        second,
        { username: 'AWS', password: secondPassword },
        'infrasec-project:v1.2.3',
      );
      assert.equal(inSecond.status, 0, inSecond.stderr);
      assert.equal(
        JSON.parse(inSecond.raw).config.digest,
        JSON.parse(inFirst.raw).config.digest,
        'registry B holds the image Kaniko pushed to registry A',
      );
      const craneLog = (await ok(['logs', 'build-ok', '--node', 'crane'])).stdout;
      assert.ok(craneLog.includes(`${ecrHost}/infrasec-project@${sha256(inSecond.raw)}`), craneLog);
      // crane asked the ECR API of the registry's partition and region, with the second account's key.
      assert.ok(
        ecr.seen.some(
          (request) =>
            request.target === 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken' &&
            request.accessKeyId === secondAccount.accessKeyId &&
            request.region === 'us-gov-west-1' &&
            request.service === 'ecr',
        ),
        JSON.stringify(ecr.seen),
      );
      const posts = webhook.posts.slice(posted);
      assert.equal(posts.length, 1, JSON.stringify(posts));
      assert.equal(posts[0]?.path, '/services/T0/B0/x');
      assert.match(posts[0]?.contentType ?? '', /^application\/json/);
      assert.deepEqual(posts[0]?.body, { text: 'Image v1.2.3 built by build-ok' });
      assert.doesNotMatch(craneLog, new RegExp(secondAccount.secretAccessKey));
    });

    test('registry B refuses the push: crane Fails, the notification still runs, the workflow Succeeds', async () => {
      const posted = webhook.posts.length;
      tokenPassword = 'a-password-registry-b-refuses';
      try {
        const run = await buildDocker('build-refused', 'source-good');
        assert.equal(run.status, 0, `the workflow fails open:\n${run.all}`);
      } finally {
        tokenPassword = secondPassword;
      }
      assert.deepEqual(await phases('build-refused'), {
        workflow: 'Succeeded',
        nodes: {
          kaniko: 'Succeeded',
          crane: 'Failed',
          notification: 'Succeeded',
          'notify-on-failure': 'Skipped',
        },
      });
      assert.match(
        (await ok(['logs', 'build-refused', '--node', 'crane'])).stdout,
        /401|unauthori[sz]ed|denied/i,
      );
      const posts = webhook.posts.slice(posted);
      assert.deepEqual(
        posts.map((post) => post.body),
        [{ text: 'Image v1.2.3 built by build-refused' }],
      );
    });

    test('the build breaks: crane and the notification are Omitted, the workflow Fails, the exit handler posts', async () => {
      const posted = webhook.posts.length;
      const run = await buildDocker('build-broken', 'source-broken');
      assert.equal(run.status, 1, run.all);
      assert.deepEqual(await phases('build-broken'), {
        workflow: 'Failed',
        nodes: {
          kaniko: 'Failed',
          crane: 'Omitted',
          notification: 'Omitted',
          'notify-on-failure': 'Succeeded',
        },
      });
      assert.match(
        (await ok(['logs', 'build-broken', '--node', 'kaniko'])).stdout,
        /Dockerfile:2: RUN exit 3: the command failed \(exit code 3\)/,
      );
      const posts = webhook.posts.slice(posted);
      assert.equal(posts.length, 1, JSON.stringify(posts));
      const text = (posts[0]?.body as { text?: string } | undefined)?.text ?? '';
      const prefix = 'Workflow build-broken ended Failed: ';
      assert.ok(text.startsWith(prefix), text);
      // Argo gives workflow.failures Go-quoted: a JSON string holding the JSON list of failed nodes.
      const failures = JSON.parse(JSON.parse(text.slice(prefix.length)) as string) as {
        displayName: string;
        phase: string;
        templateName: string;
      }[];
      assert.deepEqual(
        failures.map((failure) => [failure.displayName, failure.templateName, failure.phase]),
        [
          ['kaniko', 'kaniko', 'Failed'],
          ['build-broken', 'docker', 'Failed'],
        ],
      );
    });
  });
