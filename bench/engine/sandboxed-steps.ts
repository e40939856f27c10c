// bench/engine (a): 100 sequential no-op steps, each in its own bubblewrap sandbox over a busybox image,
// through the real runner and SQLite store. Prints the time per step (wall, and this process's CPU), the ratio
// against the bare sandbox chain measured in the same run (the floor any sandboxed step pays here), and the
// ratio against the ~10 s Argo loses between steps (argo-workflows issue #6262).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryArtifactStore,
  ImageCache,
  LocalExecutor,
  loadDocuments,
  SqliteStore,
  type Workflow,
  WorkflowRunner,
} from '@slipway/core';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import { dockerRegistrySkip, startTestRegistry } from '../../packages/oci/src/testing/registry';
import { sandboxFloorMs } from './sandbox-floor';

const steps = Number(process.env.BENCH_STEPS ?? 100);
const ARGO_SECONDS_BETWEEN_STEPS = 10;
const reason = dockerRegistrySkip() || (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed');
if (reason) {
  console.log(`bench/engine sandboxed steps skipped: ${reason}`);
  process.exit(0);
}
const home = mkdtempSync(join(tmpdir(), 'slipway-bench-steps-'));
const registry = await startTestRegistry('plain');
try {
  const client = new RegistryClient(registry.host, { insecure: true });
  await copyImage(await buildBusyboxImage({ applets: ['sh', 'true'] }), [
    { sink: client.repository('library/busybox'), tag: '1.36' },
  ]);
  await client.close();
  const groups = Array.from({ length: steps }, (_, i) => `        - - {name: s${i}, template: noop}`).join(
    '\n',
  );
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: steps}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
${groups}
    - name: noop
      container: {image: "busybox:1.36", command: ["true"]}
`;
  const workflow = loadDocuments([{ file: 'steps.yaml', text }]).manifests[0]!.manifest as Workflow;
  const store = new SqliteStore(join(home, 'slipway.db'));
  const images = new ImageCache({
    dir: join(home, 'images'),
    registry: { mirrors: { 'docker.io': registry.host }, insecure: [registry.host] },
  });
  const executor = new LocalExecutor({
    workDir: join(home, 'pods'),
    images,
    artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
  });
  const runner = new WorkflowRunner({ store, executor, volumesDir: join(home, 'volumes') });
  // The image is pulled and unpacked once, before timing: the steps are what is measured.
  const pullStarted = performance.now();
  const { rootfs } = await images.get('busybox:1.36');
  const pullMs = performance.now() - pullStarted;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await runner.submit({ workflow, name: 'steps', uid: 'bench' });
  await runner.idle();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const floor = await sandboxFloorMs(rootfs, join(home, 'floor'), steps);
  const status = (await store.getWorkflow('steps'))?.status as {
    phase: string;
    nodes: Record<string, { type: string; startedAt?: string; finishedAt?: string }>;
  };
  // The command's own run time is not observable from outside the sandbox; a bare `true` is a few ms, so the
  // whole per-step time (sandbox start, image root, bookkeeping, store writes) is reported as overhead.
  const perStep = wall / steps;
  const cpuPerStep = (used.user + used.system) / 1000 / steps;
  console.log(
    `${steps} sequential sandboxed steps: ${wall.toFixed(0)} ms, ${perStep.toFixed(1)} ms per step (aim <= 30 ms), ` +
      `${cpuPerStep.toFixed(1)} ms CPU per step in this process; phase ${status.phase} (image pulled before, in ${pullMs.toFixed(0)} ms)`,
  );
  console.log(
    `bare sandbox chain (unshare + mount + bwrap true, no runner): ${floor.toFixed(1)} ms per step; ` +
      `Slipway ${(perStep / floor).toFixed(2)}x the floor, ${(perStep - floor).toFixed(1)} ms per step on top`,
  );
  console.log(
    `Argo loses ~${ARGO_SECONDS_BETWEEN_STEPS} s per step: ratio ${(perStep / (ARGO_SECONDS_BETWEEN_STEPS * 1000)).toFixed(4)}x`,
  );
  await executor.close();
  await store.close();
} finally {
  await registry.stop();
}
