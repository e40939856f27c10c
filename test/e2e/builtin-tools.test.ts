import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import { startTestRegistry, type TestRegistry } from '../../packages/oci/src/testing/registry';

const main = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'slipway-tools-'));
const env = { ...process.env, SLIPWAY_HOME: join(work, 'home') };

function slipway(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', env });
  return { status: run.status, stdout: run.stdout, all: run.stdout + run.stderr };
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function workflow(registry: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: kaniko-step}
spec:
  entrypoint: main
  volumeClaimTemplates:
    - metadata: {name: workdir}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
    - name: main
      steps:
        - - {name: source, template: source}
        - - {name: build, template: build}
        - - {name: push, template: push}
    - name: source
      container:
        image: busybox:1.36
        command: [sh, -c]
        args: ["printf 'FROM busybox:1.36\\\\nCOPY hello.txt /hello.txt\\\\nRUN wc -c < /hello.txt > /size\\\\n' > /workspace/Dockerfile; echo hello > /workspace/hello.txt"]
        volumeMounts: [{name: workdir, mountPath: /workspace}]
    - name: build
      outputs:
        parameters: [{name: digest, valueFrom: {path: /tmp/digest}}]
      container:
        image: gcr.io/kaniko-project/executor:v1.23.2
        args:
          - --context=dir:///workspace
          - --dockerfile=/workspace/Dockerfile
          - --destination=${registry}/team/app:v1
          - --tar-path=/workspace/app.tar
          - --digest-file=/tmp/digest
        volumeMounts: [{name: workdir, mountPath: /workspace}]
      sidecars:
        - name: dind
          image: docker:23.0.1-dind
          securityContext: {privileged: true}
    - name: push
      script:
        image: gcr.io/go-containerregistry/crane:debug
        command: [sh]
        source: |
          set -e
          crane auth login -u ci -p not-checked ${registry}
          crane push /workspace/app.tar ${registry}/team/app:pushed
          crane digest ${registry}/team/app:pushed
        volumeMounts: [{name: workdir, mountPath: /workspace}]
`;
}

// setup.sh installs bubblewrap, skopeo and the registry; without them there is nothing to run this with.
if (existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/skopeo'))
  describe("steps with Kaniko's image run Slipway's builder, with no image and no Docker daemon", () => {
    let registry: TestRegistry;

    before(async () => {
      registry = await startTestRegistry('plain');
      const image = await buildBusyboxImage({ applets: ['sh', 'printf', 'echo', 'wc'] });
      const client = new RegistryClient(registry.host, { insecure: true });
      await copyImage(image, [{ sink: client.repository('library/busybox'), tag: '1.36' }]);
      await client.close();
    });

    after(async () => {
      await registry?.stop();
    });

    test("Kaniko's flags build (RUN in a nested sandbox), push and write the tar; crane's script pushes the tar", () => {
      const file = join(work, 'kaniko.yaml');
      writeFileSync(file, workflow(registry.host));
      const run = slipway([
        'submit',
        file,
        '--registry-mirror',
        `docker.io=${registry.host}`,
        '--insecure-registry',
        registry.host,
        '-o',
        'json',
      ]);
      assert.equal(run.status, 0, run.all);
      const nodes = Object.values(JSON.parse(run.stdout).status.nodes) as {
        displayName: string;
        outputs?: { parameters?: { name: string; value?: string }[] };
      }[];
      const digest = nodes.find((n) => n.displayName === 'build')?.outputs?.parameters?.[0]?.value;
      assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
      const inspect = spawnSync(
        'skopeo',
        ['inspect', '--tls-verify=false', `docker://${registry.host}/team/app:v1`],
        { encoding: 'utf8' },
      );
      assert.equal(inspect.status, 0, inspect.stderr);
      assert.equal(
        JSON.parse(inspect.stdout).Digest,
        digest,
        'the pushed manifest is the one the step reported',
      );
      assert.match(slipway(['logs', 'kaniko-step', '--node', 'build']).stdout, /RUN wc -c/);
      const tar = join(work, 'home', 'volumes', 'pvc', 'kaniko-step-workdir', 'app.tar');
      const fromTar = spawnSync('skopeo', ['inspect', `docker-archive:${tar}`], { encoding: 'utf8' });
      assert.equal(fromTar.status, 0, fromTar.stderr);
      assert.equal(JSON.parse(fromTar.stdout).Layers.length, 3, 'base, COPY and RUN layers');
      // crane in a step's script pushed the tar: the same image (its config) under another tag, and the digest
      // `crane digest` printed is the manifest the registry holds.
      const raw = (tag: string) =>
        spawnSync(
          'skopeo',
          ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/team/app:${tag}`],
          {
            encoding: 'utf8',
          },
        ).stdout;
      assert.equal(JSON.parse(raw('pushed')).config.digest, JSON.parse(raw('v1')).config.digest);
      const printed = slipway(['logs', 'kaniko-step', '--node', 'push']).stdout.trim().split('\n').at(-1);
      assert.equal(printed, `push: ${sha256(raw('pushed'))}`);
    });
  });
