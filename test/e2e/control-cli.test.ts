import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

// Steps run over the host's root (read-only, `--isolation host-root`): real sandboxed processes, no registry needed.
const main = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'slipway-control-'));
const home = join(work, 'home');
const env = { ...process.env, SLIPWAY_HOME: home };

function slipway(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', env });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, all: run.stdout + run.stderr };
}

interface Background {
  readonly child: ChildProcess;
  readonly done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

function background(args: string[]): Background {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}

type Node = { displayName: string; phase: string; type: string; message?: string };

function nodesOf(name: string): Node[] {
  const got = slipway(['get', name, '-o', 'json']);
  if (got.status !== 0) return [];
  return Object.values(JSON.parse(got.stdout).status.nodes ?? {}) as Node[];
}

/** Waits until a node of the workflow reaches a phase (what another terminal's user would look for). */
async function untilNode(name: string, displayName: string, phase: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (nodesOf(name).some((n) => n.displayName === displayName && n.phase === phase)) return;
    await sleep(100);
  }
  throw new Error(`${name}: ${displayName} never became ${phase}: ${JSON.stringify(nodesOf(name))}`);
}

function write(file: string, text: string): string {
  const path = join(work, file);
  writeFileSync(path, text);
  return path;
}

const sleeper = write(
  'sleeper.yaml',
  `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: sleeper-}
spec:
  entrypoint: main
  onExit: goodbye
  arguments: {parameters: [{name: nap, value: "1"}]}
  templates:
    - name: main
      steps:
        - - {name: nap, template: nap}
    - name: nap
      retryStrategy: {limit: 2, retryPolicy: Always}
      container:
        image: busybox:1.36
        command: [sh, -c, "echo napping; [ {{retries}} -gt 0 ] || sleep {{workflow.parameters.nap}}; echo woke"]
    - name: goodbye
      container:
        image: busybox:1.36
        command: [sh, -c, "echo goodbye {{workflow.status}}"]
`,
);

const gated = write(
  'gated.yaml',
  `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: gated-}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - {name: approve, template: approve}
        - - {name: ship, template: ship}
    - name: approve
      suspend: {}
    - name: ship
      container:
        image: busybox:1.36
        command: [echo, shipped]
`,
);

const hostRoot = ['--isolation', 'host-root'];

// setup.sh installs bubblewrap; without it nothing can run the steps.
if (existsSync('/usr/bin/bwrap'))
  describe('slipway stop, terminate, suspend, resume, wait, watch, logs -f, retry, resubmit', () => {
    test('submit --watch prints each node as it changes, then the tree', () => {
      const run = slipway(['submit', sleeper, '--name', 'watched', '--watch', ...hostRoot]);
      assert.equal(run.status, 0, run.all);
      assert.match(run.stdout, /Running\s+nap/);
      assert.match(run.stdout, /Succeeded\s+nap/);
      assert.match(run.stdout, /Status:\s+Succeeded/);
      assert.match(run.stdout, /└─✔ nap\(0\)\s+nap\s+watched-nap-\d+/);
      assert.match(slipway(['logs', 'watched', '--node', 'watched.onExit']).stdout, /goodbye Succeeded/);
    });

    test('stop kills the running step and still runs the exit handler; terminate does not', async () => {
      const stopped = background(['submit', sleeper, '--name', 'to-stop', '-p', 'nap=60', ...hostRoot]);
      await untilNode('to-stop', 'nap(0)', 'Running');
      const refused = slipway(['delete', 'to-stop']);
      assert.equal(refused.status, 2, refused.all);
      assert.match(refused.stderr, /running in another slipway process/);
      const stop = slipway(['stop', 'to-stop', '--message', 'enough']);
      assert.equal(stop.status, 0, stop.all);
      assert.match(stop.stdout, /workflow to-stop stopped/);
      const outcome = await stopped.done;
      assert.equal(outcome.status, 1, outcome.stdout + outcome.stderr);
      assert.match(outcome.stdout, /Status:\s+Failed/);
      assert.equal(nodesOf('to-stop').find((n) => n.displayName === 'to-stop.onExit')?.phase, 'Succeeded');

      const terminated = background([
        'submit',
        sleeper,
        '--name',
        'to-terminate',
        '-p',
        'nap=60',
        ...hostRoot,
      ]);
      await untilNode('to-terminate', 'nap(0)', 'Running');
      assert.equal(slipway(['terminate', 'to-terminate']).status, 0);
      assert.equal((await terminated.done).status, 1);
      assert.equal(
        nodesOf('to-terminate').some((n) => n.displayName === 'to-terminate.onExit'),
        false,
        'terminate skips the exit handler',
      );
      const again = slipway(['stop', 'to-terminate']);
      assert.equal(again.status, 2);
      assert.match(again.stderr, /already finished \(Failed\)/);
    });

    test('resume from another terminal releases a suspend step; watch and wait follow the owner', async () => {
      const run = background(['submit', gated, '--name', 'gated-1', ...hostRoot]);
      await untilNode('gated-1', 'approve', 'Running');
      const watcher = background(['watch', 'gated-1']);
      const waiter = background(['wait', 'gated-1']);
      const follower = background(['logs', 'gated-1', '-f']);
      await sleep(1500);
      const resume = slipway(['resume', 'gated-1']);
      assert.equal(resume.status, 0, resume.all);
      assert.equal((await run.done).status, 0);
      const watched = await watcher.done;
      assert.equal(watched.status, 0, watched.stdout + watched.stderr);
      assert.match(watched.stdout, /Succeeded\s+ship/);
      assert.match(watched.stdout, /Status:\s+Succeeded/);
      const waited = await waiter.done;
      assert.equal(waited.status, 0);
      assert.equal(waited.stdout, 'gated-1 Succeeded\n');
      assert.match((await follower.done).stdout, /ship: shipped/);
    });

    test('a workflow whose process was killed is taken over by wait, its running step reattached', async () => {
      const run = background(['submit', sleeper, '--name', 'orphan', '-p', 'nap=4', ...hostRoot]);
      await untilNode('orphan', 'nap(0)', 'Running');
      run.child.kill('SIGKILL');
      await run.done;
      const waited = slipway(['wait', 'orphan']);
      assert.equal(waited.status, 0, waited.all);
      assert.equal(waited.stdout, 'orphan Succeeded\n');
      const nodes = nodesOf('orphan');
      assert.equal(nodes.find((n) => n.displayName === 'nap(0)')?.phase, 'Succeeded');
      assert.equal(
        nodes.find((n) => n.displayName === 'nap(1)'),
        undefined,
        'the step was not run again',
      );
      const logs = slipway(['logs', 'orphan', '--node', 'nap(0)']).stdout;
      assert.equal(logs.match(/napping/g)?.length, 1, logs);
      assert.match(logs, /woke\n$/);
    });

    test('a killed workflow whose step died too is taken over by wait, its lost step retried', async () => {
      const run = background(['submit', sleeper, '--name', 'orphan-2', '-p', 'nap=60', ...hostRoot]);
      await untilNode('orphan-2', 'nap(0)', 'Running');
      run.child.kill('SIGKILL');
      await run.done;
      // The step's sandbox outlives the process; kill it too, through the pid its supervisor recorded.
      const pods = join(home, 'pods', 'pods');
      for (const pod of readdirSync(pods).filter((name) => name.startsWith('orphan-2.'))) {
        for (const container of readdirSync(join(pods, pod, 'containers'))) {
          const recorded = join(pods, pod, 'containers', container, 'supervisor');
          for (let i = 0; i < 100 && !existsSync(recorded); i++) await sleep(20);
          process.kill(-Number.parseInt(readFileSync(recorded, 'utf8'), 10), 'SIGKILL');
        }
      }
      const waited = slipway(['wait', 'orphan-2']);
      assert.equal(waited.status, 0, waited.all);
      assert.equal(waited.stdout, 'orphan-2 Succeeded\n');
      const nodes = nodesOf('orphan-2');
      assert.equal(nodes.find((n) => n.displayName === 'nap(0)')?.phase, 'Error');
      assert.equal(nodes.find((n) => n.displayName === 'nap(1)')?.phase, 'Succeeded');
    });

    test('retry re-runs what failed with the workspace intact; resubmit runs a new one', () => {
      const flaky = write(
        'flaky.yaml',
        `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: flaky}
spec:
  entrypoint: main
  arguments: {parameters: [{name: who, value: first}]}
  volumeClaimTemplates:
    - metadata: {name: work}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
    - name: main
      steps:
        - - {name: prepare, template: prepare}
        - - {name: check, template: check}
    - name: prepare
      container:
        image: busybox:1.36
        command: [sh, -c, "echo {{workflow.parameters.who}} >> /work/prepared; echo prepared"]
        volumeMounts: [{name: work, mountPath: /work}]
    - name: check
      container:
        image: busybox:1.36
        command: [sh, -c, "if [ -e /work/second-try ]; then cat /work/prepared; else touch /work/second-try; exit 1; fi"]
        volumeMounts: [{name: work, mountPath: /work}]
`,
      );
      const first = slipway(['submit', flaky, ...hostRoot]);
      assert.equal(first.status, 1, first.all);
      const retried = slipway(['retry', 'flaky']);
      assert.equal(retried.status, 0, retried.all);
      assert.match(retried.stdout, /Status:\s+Succeeded/);
      // prepare was not run again: the file it appends to has one line.
      assert.match(slipway(['logs', 'flaky', '--node', 'check']).stdout, /^check: first\n$/m);
      const resubmitted = slipway([
        'resubmit',
        'flaky',
        '-p',
        'who=second',
        '--name',
        'flaky-2',
        '-o',
        'name',
      ]);
      assert.equal(resubmitted.status, 1, resubmitted.all);
      assert.equal(resubmitted.stdout, 'flaky-2\n');
      assert.match(slipway(['logs', 'flaky-2', '--node', 'prepare']).stdout, /prepared/);
      const refused = slipway(['retry', 'watched']);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /succeeded: nothing to retry/);
    });

    test('cluster-template stores ClusterWorkflowTemplates that submit --from runs', () => {
      const file = write(
        'cluster.yaml',
        `apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: shared-hello}
spec:
  entrypoint: hello
  templates:
    - name: hello
      container: {image: "busybox:1.36", command: [echo, from the cluster template]}
`,
      );
      assert.equal(slipway(['cluster-template', 'create', file]).status, 0);
      assert.equal(slipway(['cluster-template', 'list']).stdout, 'clusterworkflowtemplate/shared-hello\n');
      assert.match(slipway(['cluster-template', 'get', 'shared-hello']).stdout, /"entrypoint": "hello"/);
      const run = slipway([
        'submit',
        '--from',
        'clusterworkflowtemplate/shared-hello',
        '--name',
        'from-cluster',
        ...hostRoot,
      ]);
      assert.equal(run.status, 0, run.all);
      assert.equal(slipway(['cluster-template', 'delete', 'shared-hello']).status, 0);
      assert.equal(slipway(['cluster-template', 'list']).stdout, '');
      const wrongKind = slipway(['cluster-template', 'create', sleeper]);
      assert.equal(wrongKind.status, 2);
      assert.match(wrongKind.stderr, /no ClusterWorkflowTemplate to store/);
    });
  });
