import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

const main = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
const skip = dockerRegistrySkip() || (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed');
const work = mkdtempSync(join(tmpdir(), 'slipway-submit-'));
const home = join(work, 'home');

const steps = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  arguments:
    parameters: [{name: who, value: world}]
  templates:
    - name: main
      steps:
        - - name: hello
            template: say
            arguments: {parameters: [{name: what, value: "hello {{workflow.parameters.who}}"}]}
        - - name: again
            template: say
            arguments: {parameters: [{name: what, value: "{{steps.hello.outputs.result}} again"}]}
    - name: say
      inputs: {parameters: [{name: what}]}
      container:
        image: busybox:1.36
        command: [echo, "{{inputs.parameters.what}}"]
`;

const failing = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: fails
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: busybox:1.36
        command: [sh, -c, "echo about to fail; exit 3"]
`;

function slipway(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SLIPWAY_HOME: home },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('slipway submit, get, logs, list: workflows run locally in sandboxes', { skip }, () => {
  let registry: TestRegistry;
  let mirror: string[];

  before(async () => {
    registry = await startTestRegistry('plain');
    const image = await buildBusyboxImage({ applets: ['sh', 'echo'] });
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(image, [{ sink: client.repository('library/busybox'), tag: '1.36' }]);
    await client.close();
    mirror = ['--registry-mirror', `docker.io=${registry.host}`, '--insecure-registry', registry.host];
    writeFileSync(join(work, 'steps.yaml'), steps);
    writeFileSync(join(work, 'fails.yaml'), failing);
  });

  after(async () => {
    await registry?.stop();
  });

  test('a steps workflow succeeds, passing a result from one step to the next', () => {
    const run = slipway([
      'submit',
      join(work, 'steps.yaml'),
      '-p',
      'who=slipway',
      '--name',
      'hello-1',
      ...mirror,
    ]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Status:\s+Succeeded/);
    const got = JSON.parse(slipway(['get', 'hello-1', '-o', 'json']).stdout);
    const nodes = Object.values(got.status.nodes) as {
      displayName: string;
      phase: string;
      outputs?: { result?: string };
    }[];
    // As in Argo, a result is kept only where something reads it: `again` reads `hello`'s.
    assert.equal(nodes.find((n) => n.displayName === 'hello')?.outputs?.result, 'hello slipway');
    assert.deepEqual(
      nodes.map((n) => n.phase),
      nodes.map(() => 'Succeeded'),
    );
    const logs = slipway(['logs', 'hello-1']).stdout;
    assert.match(logs, /hello: hello slipway/);
    assert.match(logs, /again: hello slipway again/);
    assert.match(slipway(['list']).stdout, /hello-1\s+Succeeded/);
  });

  test('a failing step fails the workflow and submit exits 1; its logs outlive it', () => {
    const run = slipway(['submit', join(work, 'fails.yaml'), ...mirror]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /Status:\s+Failed/);
    assert.match(slipway(['logs', 'fails']).stdout, /about to fail/);
  });

  test('a stored WorkflowTemplate runs with --from, with a secret from the local store in its env', () => {
    const template = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: greeter}
spec:
  entrypoint: greet
  arguments:
    parameters: [{name: who, value: nobody}]
  templates:
    - name: greet
      container:
        image: busybox:1.36
        command: [sh, -c, 'echo "hi {{workflow.parameters.who}} token=$TOKEN"']
        env:
          - name: TOKEN
            valueFrom: {secretKeyRef: {name: creds, key: token}}
`;
    writeFileSync(join(work, 'greeter.yaml'), template);
    assert.equal(slipway(['template', 'create', join(work, 'greeter.yaml')]).status, 0);
    assert.match(slipway(['template', 'list']).stdout, /workflowtemplate\/greeter/);
    assert.equal(slipway(['secret', 'create', 'creds', '--from-literal', 'token=abc123']).status, 0);
    const run = slipway([
      'submit',
      '--from',
      'workflowtemplate/greeter',
      '-p',
      'who=ci',
      '--name',
      'greeted',
      ...mirror,
    ]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const logs = slipway(['logs', 'greeted']).stdout;
    assert.match(logs, /hi ci token=\*\*\*/, 'the secret reached the step and was masked in its logs');
    assert.ok(!logs.includes('abc123'));
    const missing = slipway(['submit', '--from', 'workflowtemplate/nope', ...mirror]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stdout + missing.stderr, /nope/);
  });

  test('a workflow with lint errors is not run', () => {
    writeFileSync(join(work, 'bad.yaml'), failing.replace('entrypoint: main', 'entrypoint: mian'));
    const run = slipway(['submit', join(work, 'bad.yaml'), ...mirror]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /entrypoint `mian` is not a template/);
  });
});
