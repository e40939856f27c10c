import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { NodeStatus, WorkflowStatusJson } from '../engine/model';
import { DirectoryArtifactStore, ImageCache, LocalExecutor } from '../executor/local';
import { loadDocuments } from '../spec/load';
import type { Workflow } from '../spec/model/manifests';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { planRetry, replayKey } from './retry-plan';
import { WorkflowRunner } from './workflow-runner';

// Steps run over the host's root (read-only) with the workflow's volume mounted: real processes, no image needed.
const workflowText = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: flaky
spec:
  entrypoint: main
  volumeClaimTemplates:
    - metadata: {name: work}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
    - name: main
      dag:
        tasks:
          - {name: count, template: count}
          - {name: gate, template: gate, depends: count}
          - name: report
            template: report
            depends: gate
            arguments:
              parameters: [{name: counted, value: "{{tasks.count.outputs.result}}"}]
    - name: count
      container:
        image: busybox:1.36
        command: [sh, -c, "echo ran >> /work/count-runs && wc -l < /work/count-runs"]
        volumeMounts: [{name: work, mountPath: /work}]
    - name: gate
      retryStrategy: {limit: 1}
      container:
        image: busybox:1.36
        command: [sh, -c, "echo try >> /work/gate-runs; test -e /work/open"]
        volumeMounts: [{name: work, mountPath: /work}]
    - name: report
      inputs:
        parameters: [{name: counted}]
      container:
        image: busybox:1.36
        command: [sh, -c, "echo counted {{inputs.parameters.counted}}"]
`;

// `settle` fails its first attempt and succeeds on its second; `last` fails until the test opens the gate.
const attemptsText = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: flaky
spec:
  entrypoint: main
  volumeClaimTemplates:
    - metadata: {name: work}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
    - name: main
      steps:
        - - {name: settle, template: settle}
        - - {name: last, template: last}
    - name: settle
      retryStrategy: {limit: 2}
      container:
        image: busybox:1.36
        command: [sh, -c, "echo try >> /work/tries; test -e /work/once || { touch /work/once; exit 1; }"]
        volumeMounts: [{name: work, mountPath: /work}]
    - name: last
      container:
        image: busybox:1.36
        command: [sh, -c, "test -e /work/open"]
        volumeMounts: [{name: work, mountPath: /work}]
`;

const canRun = existsSync('/usr/bin/bwrap');

async function harness(text = workflowText) {
  const home = mkdtempSync(join(tmpdir(), 'slipway-retry-'));
  const store = new SqliteStore(join(home, 'slipway.db'));
  const executor = new LocalExecutor({
    workDir: join(home, 'pods'),
    isolation: 'host-root',
    images: new ImageCache({ dir: join(home, 'images'), registry: {} }),
    artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
  });
  const runner = new WorkflowRunner({ store, executor, volumesDir: join(home, 'volumes') });
  const volume = join(home, 'volumes', 'pvc', 'flaky-work');
  const statusOf = async () => (await store.getWorkflow('flaky'))?.status as WorkflowStatusJson;
  const node = (status: WorkflowStatusJson, name: string): NodeStatus =>
    Object.values(status.nodes).find((n) => n.displayName === name)!;
  const close = async () => {
    await executor.close();
    await store.close();
  };
  const load = loadDocuments([{ file: 'flaky.yaml', text }]);
  const workflow = load.manifests[0]!.manifest as Workflow;
  await runner.submit({ workflow, name: 'flaky', uid: 'uid-flaky' });
  await runner.idle();
  return { runner, volume, statusOf, node, close };
}

// setup.sh installs bubblewrap; without it there is nothing to run the steps with.
if (canRun)
  describe('WorkflowRunner.retry', () => {
    test('re-runs the failed nodes with the workspace intact and replays the pods that succeeded', async () => {
      const { runner, volume, statusOf, node, close } = await harness();
      try {
        const failed = await statusOf();
        assert.equal(failed.phase, 'Failed');
        assert.equal(node(failed, 'gate').phase, 'Failed');
        assert.equal(node(failed, 'report').phase, 'Omitted');
        const countBefore = node(failed, 'count');
        assert.equal(countBefore.outputs?.result, '1');
        assert.equal(readFileSync(join(volume, 'gate-runs'), 'utf8'), 'try\ntry\n');

        writeFileSync(join(volume, 'open'), '');
        const updates: string[] = [];
        const stop = runner.observe({ onUpdate: (_, status) => updates.push(status.phase) });
        await runner.retry('flaky');
        await runner.idle();
        stop();

        const retried = await statusOf();
        assert.equal(
          retried.phase,
          'Succeeded',
          JSON.stringify(Object.values(retried.nodes).map((n) => [n.displayName, n.phase, n.message])),
        );
        // count did not run again: its file has one line and its node is the one of the first run.
        assert.equal(readFileSync(join(volume, 'count-runs'), 'utf8'), 'ran\n');
        assert.equal(node(retried, 'count').id, countBefore.id);
        assert.equal(node(retried, 'count').startedAt, countBefore.startedAt);
        assert.equal(node(retried, 'report').phase, 'Succeeded');
        assert.deepEqual(
          node(retried, 'report').inputs?.parameters?.map((p) => p.value),
          ['1'],
        );
        assert.equal(readFileSync(join(volume, 'gate-runs'), 'utf8'), 'try\ntry\ntry\n');
        assert.ok(updates.length > 2 && updates.at(-1) === 'Succeeded', updates.join());
      } finally {
        await close();
      }
    });

    test('--restart-successful with a selector re-runs the succeeded nodes it matches', async () => {
      const { runner, volume, statusOf, node, close } = await harness();
      try {
        writeFileSync(join(volume, 'open'), '');
        await runner.retry('flaky', { restartSuccessful: true, nodeFieldSelector: 'displayName=count' });
        await runner.idle();
        const retried = await statusOf();
        assert.equal(retried.phase, 'Succeeded');
        assert.equal(readFileSync(join(volume, 'count-runs'), 'utf8'), 'ran\nran\n');
        assert.equal(node(retried, 'count').outputs?.result, '2');
        assert.deepEqual(
          node(retried, 'report').inputs?.parameters?.map((p) => p.value),
          ['2'],
        );
        await assert.rejects(runner.retry('flaky'), { code: 'SLIPWAY_RUN_WORKFLOW_STATE' });
      } finally {
        await close();
      }
    });
  });

if (canRun)
  test('the attempt of a retried step that succeeded last time is replayed, not run again', async () => {
    const { runner, volume, statusOf, node, close } = await harness(attemptsText);
    try {
      assert.equal((await statusOf()).phase, 'Failed');
      assert.equal(readFileSync(join(volume, 'tries'), 'utf8'), 'try\ntry\n');
      writeFileSync(join(volume, 'open'), '');
      await runner.retry('flaky');
      await runner.idle();
      const retried = await statusOf();
      assert.equal(retried.phase, 'Succeeded');
      assert.equal(node(retried, 'settle').phase, 'Succeeded');
      assert.equal(readFileSync(join(volume, 'tries'), 'utf8'), 'try\ntry\n', 'settle did not run again');
    } finally {
      await close();
    }
  });

describe('planRetry', () => {
  const node = (
    id: string,
    name: string,
    type: NodeStatus['type'],
    phase: NodeStatus['phase'],
    children: string[] = [],
  ): NodeStatus => ({
    id,
    name,
    displayName: name.split('.').at(-1)!,
    type,
    phase,
    startedAt: null,
    finishedAt: null,
    children,
  });
  const nodes: Record<string, NodeStatus> = {
    w: node('w', 'w', 'Steps', 'Failed', ['g']),
    g: node('g', 'w[0]', 'StepGroup', 'Failed', ['a', 'r']),
    a: node('a', 'w[0].a', 'Pod', 'Succeeded'),
    r: node('r', 'w[0].b', 'Retry', 'Succeeded', ['r0', 'r1']),
    r0: node('r0', 'w[0].b(0)', 'Pod', 'Failed'),
    r1: node('r1', 'w[0].b(1)', 'Pod', 'Succeeded'),
    c: node('c', 'w[0].c', 'Pod', 'Failed'),
  };
  const state = { status: { phase: 'Failed', nodes } } as unknown as Parameters<typeof planRetry>[0];
  const withStatic = {
    ...state,
    version: 1,
    meta: {},
    spec: {},
    templates: {},
    missing: {},
    semaphoreLimits: {},
    globals: {},
  } as typeof state;

  test('replays succeeded pods; an attempt of a Retry node is keyed by the Retry node', () => {
    const byName = new Map(Object.values(nodes).map((n) => [n.name, n]));
    assert.equal(
      replayKey('w[0].b(1)', (name) => byName.get(name)),
      'w[0].b',
    );
    assert.equal(
      replayKey('w[0].a', (name) => byName.get(name)),
      'w[0].a',
    );
    const plan = planRetry(withStatic);
    assert.deepEqual(Object.keys(plan.replay).sort(), ['w[0].a', 'w[0].b']);
    assert.equal(plan.replay['w[0].b']?.id, 'r1');
    assert.deepEqual(plan.state.status.nodes, {});
    assert.equal(plan.state.status.phase, 'Pending');
  });

  test('a selector restarts the succeeded subtree it matches; a bad selector is refused', () => {
    const plan = planRetry(withStatic, { restartSuccessful: true, nodeFieldSelector: 'name=w[0].b' });
    assert.deepEqual(Object.keys(plan.replay), ['w[0].a']);
    assert.throws(() => planRetry(withStatic, { nodeFieldSelector: 'colour=red' }), {
      code: 'SLIPWAY_RUN_RETRY_SELECTOR',
    });
  });
});
