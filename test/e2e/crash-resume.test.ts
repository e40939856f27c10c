import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SqliteStore } from '@slipway/core';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

const skip = dockerRegistrySkip() || (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed');
const child = join(import.meta.dirname, 'support', 'run-workflow-child.ts');
const STEPS = 30;

function workflowYaml(): string {
  const groups = Array.from(
    { length: STEPS },
    (_, i) =>
      `        - - {name: s${i}, template: mark, arguments: {parameters: [{name: num, value: "${i}"}]}}`,
  ).join('\n');
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: crash}
spec:
  entrypoint: main
  volumes:
    - name: marks
      persistentVolumeClaim: {claimName: crash-marks}
  templates:
    - name: main
      steps:
${groups}
    - name: mark
      inputs: {parameters: [{name: num}]}
      retryStrategy: {limit: 3, retryPolicy: Always}
      container:
        image: busybox:1.36
        command: [sh, -c, "sleep 0.05; touch /marks/step-{{inputs.parameters.num}}"]
        volumeMounts: [{name: marks, mountPath: /marks}]
`;
}

/** Pod nodes that have succeeded so far, read from the store while the workflow runs in another process. */
async function succeededPods(home: string): Promise<number> {
  if (!existsSync(join(home, 'slipway.db'))) return 0;
  const store = new SqliteStore(join(home, 'slipway.db'));
  try {
    const status = (await store.getWorkflow('crash'))?.status as
      | { nodes?: Record<string, { type: string; phase: string }> }
      | undefined;
    return Object.values(status?.nodes ?? {}).filter((n) => n.type === 'Pod' && n.phase === 'Succeeded')
      .length;
  } finally {
    await store.close();
  }
}

/** Runs the child; with `killAfterPods`, kills it with SIGKILL once that many steps have succeeded. */
function run(args: string[], home: string, killAfterPods?: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: 'ignore' });
    let watching = killAfterPods !== undefined;
    const watch = async () => {
      while (watching) {
        if ((await succeededPods(home)) >= killAfterPods!) {
          proc.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    void watch();
    proc.on('error', reject);
    proc.on('exit', (code) => {
      watching = false;
      resolve(code);
    });
  });
}

let registry: TestRegistry;
before(async () => {
  if (skip) return;
  registry = await startTestRegistry('plain');
  const client = new RegistryClient(registry.host, { insecure: true });
  await copyImage(await buildBusyboxImage({ applets: ['sh', 'sleep', 'touch'] }), [
    { sink: client.repository('library/busybox'), tag: '1.36' },
  ]);
  await client.close();
});
after(async () => {
  await registry?.stop();
});

test('kill -9 during a 30-step workflow, then resume: every step completes, the workflow succeeds, nothing is lost', {
  skip,
}, async () => {
  for (const killAfterPods of [3, 17]) {
    const home = mkdtempSync(join(tmpdir(), 'slipway-crash-'));
    const file = join(home, 'crash.yaml');
    writeFileSync(file, workflowYaml());
    const first = await run([home, registry.host, file, 'submit'], home, killAfterPods);
    assert.equal(first, null, 'the first process was killed mid-run');
    const store = new SqliteStore(join(home, 'slipway.db'));
    const before = await store.getWorkflow('crash');
    await store.close();
    assert.equal(before?.phase, 'Running', 'the workflow was stored as running when the process died');
    assert.equal(await run([home, registry.host, file, 'resume'], home), 0);
    const reopened = new SqliteStore(join(home, 'slipway.db'));
    const record = await reopened.getWorkflow('crash');
    await reopened.close();
    const status = record?.status as {
      phase: string;
      nodes: Record<string, { displayName: string; type: string; phase: string }>;
    };
    assert.equal(status.phase, 'Succeeded');
    const marks = readdirSync(join(home, 'volumes', 'pvc', 'crash-marks')).sort();
    assert.equal(marks.length, STEPS, 'every step left its mark');
    for (let i = 0; i < STEPS; i++) {
      const step = Object.values(status.nodes).filter((n) => n.displayName === `s${i}`);
      assert.equal(step.length, 1, `step s${i} appears once`);
      assert.equal(step[0]!.phase, 'Succeeded');
    }
  }
});
