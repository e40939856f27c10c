import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from '@slipway/core';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

// A runner process is killed with SIGKILL while its step sleeps; a new one resumes the workflow. The step's
// sandbox outlives the first process, so the second one picks it up instead of running it again.
const skip = dockerRegistrySkip() || (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed');
const child = join(import.meta.dirname, 'support', 'run-workflow-child.ts');

// An unusual duration, so that no other process on the machine is taken for the sidecar.
const SIDECAR_NAP = 4243;

const WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: crash}
spec:
  entrypoint: main
  volumes:
    - name: data
      persistentVolumeClaim: {claimName: reattach-data}
  templates:
    - name: main
      outputs:
        parameters: [{name: said, valueFrom: {parameter: "{{steps.work.outputs.result}}"}}]
      steps:
        - - {name: work, template: work}
    - name: work
      retryStrategy: {limit: 2, retryPolicy: Always}
      outputs:
        parameters: [{name: answer, valueFrom: {path: /tmp/answer}}]
      sidecars:
        - {name: side, image: "busybox:1.36", command: [sh, -c, "echo sidecar up; exec sleep ${SIDECAR_NAP}"]}
      script:
        image: busybox:1.36
        volumeMounts: [{name: data, mountPath: /data}]
        source: |
          echo ran >> /data/lines
          echo before
          echo warming up >&2
          [ {{retries}} -gt 0 ] || sleep 4
          echo 42 > /tmp/answer
          echo after
`;

interface Node {
  id: string;
  displayName: string;
  type: string;
  phase: string;
  outputs?: { result?: string; parameters?: { name: string; value?: string }[] };
}

async function read<T>(home: string, fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore(join(home, 'slipway.db'));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function nodes(home: string): Promise<Node[]> {
  if (!existsSync(join(home, 'slipway.db'))) return [];
  const status = await read(home, async (store) => (await store.getWorkflow('crash'))?.status);
  return Object.values((status as { nodes?: Record<string, Node> } | undefined)?.nodes ?? {});
}

/** A node's stored output, per stream (their relative order is not kept: they are two files). */
async function outputOf(home: string, nodeId: string): Promise<{ stdout: string; stderr: string }> {
  const logs = await read(home, (store) => store.readLogs('crash', { nodeId }));
  const of = (stream: string) =>
    logs
      .filter((entry) => entry.stream === stream)
      .map((entry) => entry.text)
      .join('');
  return { stdout: of('stdout'), stderr: of('stderr') };
}

function runChild(home: string, registry: string, file: string, mode: 'submit' | 'resume') {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, home, registry, file, mode], {
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => resolve(code));
  });
  return { proc, exited };
}

/** Submits the workflow and kills the runner once the step runs and its first output is stored. */
async function submitAndKill(registry: string): Promise<{ home: string; file: string; attempt: Node }> {
  const home = mkdtempSync(join(tmpdir(), 'slipway-reattach-'));
  const file = join(home, 'workflow.yaml');
  writeFileSync(file, WORKFLOW);
  const first = runChild(home, registry, file, 'submit');
  for (let i = 0; i < 600; i++) {
    const attempt = (await nodes(home)).find((n) => n.displayName === 'work(0)' && n.phase === 'Running');
    const stored = attempt ? await outputOf(home, attempt.id) : undefined;
    // Killed once output of both streams is stored, so the second process must skip it, not store it again.
    if (
      attempt &&
      stored?.stdout.includes('before') &&
      stored.stdout.includes('[side] sidecar up') &&
      stored.stderr.includes('warming up')
    ) {
      first.proc.kill('SIGKILL');
      assert.equal(await first.exited, null);
      return { home, file, attempt };
    }
    await sleep(50);
  }
  first.proc.kill('SIGKILL');
  throw new Error('the step never started');
}

/** Whether a process exists and is not a zombie (an orphaned supervisor is reaped by whoever adopted it). */
function running(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** How many processes run the sidecar's `sleep`. */
function sidecars(): number {
  return readdirSync('/proc').filter((name) => {
    try {
      return readFileSync(`/proc/${name}/cmdline`, 'utf8') === `sleep\u0000${SIDECAR_NAP}\u0000`;
    } catch {
      return false;
    }
  }).length;
}

function lines(home: string): string[] {
  return readFileSync(join(home, 'volumes', 'pvc', 'reattach-data', 'lines'), 'utf8')
    .split('\n')
    .filter(Boolean);
}

describe('reattaching a running step after the runner was killed', { skip }, () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startTestRegistry('plain');
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(await buildBusyboxImage({ applets: ['sh', 'sleep'] }), [
      { sink: client.repository('library/busybox'), tag: '1.36' },
    ]);
    await client.close();
  });
  after(async () => {
    await registry?.stop();
  });

  test('a step still running is picked up: it succeeds once, with its output, logs not repeated', async () => {
    const { home, file, attempt } = await submitAndKill(registry.host);
    assert.equal(await runChild(home, registry.host, file, 'resume').exited, 0);
    const all = await nodes(home);
    const attempts = all.filter((n) => n.displayName.startsWith('work('));
    assert.deepEqual(
      attempts.map((n) => [n.displayName, n.phase]),
      [['work(0)', 'Succeeded']],
    );
    const node = attempts[0]!;
    assert.equal(node.outputs?.result, 'before\nafter');
    assert.deepEqual(
      node.outputs?.parameters?.map((p) => [p.name, p.value]),
      [['answer', '42']],
    );
    assert.deepEqual(lines(home), ['ran'], 'the step ran once');
    const output = await outputOf(home, attempt.id);
    assert.deepEqual(
      output.stdout.split('\n').sort(),
      ['', '[side] sidecar up', 'after', 'before'],
      'what the first process stored is not stored again',
    );
    assert.equal(output.stderr, 'warming up\n');
    assert.equal(sidecars(), 0, 'the sidecar was stopped');
    assert.deepEqual(readdirSync(join(home, 'pods', 'pods')), [], 'the pod directory is deleted');
  });

  test('a step that finished while no runner followed it is picked up with its outputs', async () => {
    const { home, file } = await submitAndKill(registry.host);
    const pods = join(home, 'pods', 'pods');
    const [pod] = readdirSync(pods);
    const containers = join(pods, pod!, 'containers');
    const container = readdirSync(containers).find((name) => name.endsWith('-main'));
    // The container ends on its own; its supervisor keeps its root (the output parameter is in it).
    while (!existsSync(join(containers, container!, 'exited'))) await sleep(50);
    assert.equal(await runChild(home, registry.host, file, 'resume').exited, 0);
    const attempts = (await nodes(home)).filter((n) => n.displayName.startsWith('work('));
    assert.deepEqual(
      attempts.map((n) => [n.displayName, n.phase, n.outputs?.result]),
      [['work(0)', 'Succeeded', 'before\nafter']],
    );
    assert.deepEqual(
      attempts[0]?.outputs?.parameters?.map((p) => [p.name, p.value]),
      [['answer', '42']],
    );
    assert.deepEqual(lines(home), ['ran']);
  });

  test('a step whose sandbox was killed too is an Error and is retried', async () => {
    const { home, file } = await submitAndKill(registry.host);
    const pods = join(home, 'pods', 'pods');
    const [pod] = readdirSync(pods);
    const containers = join(pods, pod!, 'containers');
    for (const container of readdirSync(containers)) {
      const pid = Number.parseInt(readFileSync(join(containers, container, 'supervisor'), 'utf8'), 10);
      process.kill(-pid, 'SIGKILL');
      while (running(pid)) await sleep(20);
    }
    assert.equal(await runChild(home, registry.host, file, 'resume').exited, 0);
    const attempts = (await nodes(home)).filter((n) => n.displayName.startsWith('work('));
    assert.deepEqual(
      attempts.map((n) => [n.displayName, n.phase]),
      [
        ['work(0)', 'Error'],
        ['work(1)', 'Succeeded'],
      ],
    );
    assert.deepEqual(lines(home), ['ran', 'ran'], 'the retry ran the step again');
    assert.deepEqual(readdirSync(pods), [], 'the dead pod’s directory is deleted');
  });
});
