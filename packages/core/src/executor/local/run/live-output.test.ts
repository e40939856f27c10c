import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildBusyboxImage } from '../../../../../oci/src/testing/image-builder';
import type { PodExit, RunPodAction } from '../../../engine/contract';
import type { Template } from '../../../spec/model';
import type { PodHandle } from '../../executor';
import { DirectoryArtifactStore } from '../artifacts/artifact-store';
import { ImageCache } from '../image/image-cache';
import { staticImageResolver } from '../image/image-source-resolver';
import { bwrapSkip } from '../testing/fixtures';
import { LocalExecutor } from './local-executor';

// The sandbox writes its output to files that outlive Slipway's process; these tests check that it is still
// passed on while the container runs, and that killing a pod (with or without a terminal) leaves nothing behind.
// An unusual duration, so that no other process on the machine is taken for the pod's.
const NAP = 4321;

/** Processes running `sleep NAP`. */
function sleepers(): string[] {
  return readdirSync('/proc').filter((name) => {
    try {
      return (
        /^\d+$/.test(name) && readFileSync(`/proc/${name}/cmdline`, 'utf8') === `sleep\u0000${NAP}\u0000`
      );
    } catch {
      return false;
    }
  });
}

describe('output and kills of sandboxes under their supervisors', { skip: bwrapSkip() }, () => {
  let work: string;
  let executor: LocalExecutor;
  let pods = 0;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'slipway-live-output-'));
    const busybox = await buildBusyboxImage({ applets: ['sh', 'sleep'] });
    executor = new LocalExecutor({
      workDir: join(work, 'pods'),
      images: new ImageCache({
        dir: join(work, 'images'),
        resolver: staticImageResolver({ 'busybox:1': busybox }),
      }),
      artifacts: new DirectoryArtifactStore(join(work, 'artifacts')),
    });
  });
  after(async () => {
    await executor?.close();
    await rm(work, { recursive: true, force: true });
  });

  function start(
    template: Template,
    onLog: (text: string) => void,
    extra: Partial<RunPodAction> = {},
  ): { handle: Promise<PodHandle>; exit: Promise<PodExit> } {
    pods++;
    let exited: (exit: PodExit) => void = () => {};
    const exit = new Promise<PodExit>((resolve) => {
      exited = resolve;
    });
    const handle = executor.run(
      {
        type: 'run-pod',
        workflowName: 'live',
        nodeId: `live-${pods}`,
        podName: `live-pod-${pods}`,
        inputArtifacts: [],
        volumes: [],
        template,
        ...extra,
      },
      { onStarted: () => {}, onLog: (_node, _stream, text) => onLog(text), onExit: exited },
    );
    return { handle, exit };
  }

  test('a line is passed on while the container still runs, not only when it ends', async () => {
    const signals = join(work, 'signals');
    await mkdir(signals);
    const lines: string[] = [];
    const { exit } = start(
      {
        name: 't',
        container: {
          image: 'busybox:1',
          command: ['sh', '-c', 'echo first; while [ ! -e /sig/go ]; do sleep 0.02; done; echo second'],
          volumeMounts: [{ name: 'sig', mountPath: '/sig' }],
        },
      },
      (text) => {
        lines.push(text);
        // Only once `first` has arrived may the container go on: it would wait forever otherwise.
        if (text.includes('first')) void writeFile(join(signals, 'go'), '');
      },
      // Were output passed on only at the end, the container would wait until this deadline kills it.
      { volumes: [{ name: 'sig', hostPath: signals }], deadline: Date.now() + 20_000 },
    );
    const ended = await exit;
    assert.equal(ended.exitCode, 0, ended.error);
    assert.equal(lines.join(''), 'first\nsecond\n');
  });

  test('killing pods with and without a terminal kills their whole sandbox', async () => {
    for (const tty of [false, true]) {
      let running: () => void = () => {};
      const started = new Promise<void>((resolve) => {
        running = resolve;
      });
      const { handle, exit } = start(
        { name: 't', container: { image: 'busybox:1', command: ['sh', '-c', `echo up; sleep ${NAP}`], tty } },
        (text) => text.includes('up') && running(),
      );
      await started;
      const pid = (await handle).pid;
      assert.ok(pid !== undefined && existsSync(`/proc/${pid}`));
      await (await handle).kill('stopped');
      assert.equal((await exit).error, 'stopped');
      assert.equal(existsSync(`/proc/${pid}/stat`), false, 'the supervisor is gone');
      // So is the sandbox: its PID namespace dies with bubblewrap, which dies with its parent.
      for (let i = 0; i < 100 && sleepers().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(sleepers(), [], `tty: ${tty}`);
    }
  });
});
