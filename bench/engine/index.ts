// bench/engine: the engine on the null executor (every pod succeeds after 1 s of fake time). A fan-out/fan-in DAG
// of 10,000 tasks (time and peak memory), then 20,000 to show growth is linear: each event costs what it
// changes, not the size of the workflow. Each size runs in its own process so peak memory is its own.
import { spawnSync } from 'node:child_process';
import { createWorkflowState } from '../../packages/core/src/engine';
import { runWorkflow } from '../../packages/core/src/engine/testing';
import { fanOutFanIn } from './generate';

interface Measurement {
  size: number;
  ms: number;
  cpuMs: number;
  events: number;
  nodes: number;
  phase: string;
  peakHeapMb: number;
  peakRssMb: number;
}

function measure(size: number): Measurement {
  const workflow = fanOutFanIn(size);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const state = createWorkflowState({ workflow, creationTimestamp: Date.UTC(2024, 0, 1) });
  let steps = 0;
  const result = runWorkflow(state, {
    react: () => {
      if (++steps % 2000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      return undefined;
    },
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    size,
    ms,
    cpuMs,
    events: result.steps,
    nodes: Object.keys(result.state.status.nodes).length,
    phase: result.state.status.phase,
    peakHeapMb: (peakHeap - heapBefore) / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(size: number): Measurement {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, '--size', String(size)],
    {
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(`benchmark of ${size} tasks failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measurement;
}

const sizeFlag = process.argv.indexOf('--size');
if (sizeFlag >= 0) {
  console.log(JSON.stringify(measure(Number(process.argv[sizeFlag + 1]))));
} else {
  // Best of three runs, each in a fresh process: the machine may be busy with other work.
  const best = (size: number): Measurement =>
    [inChild(size), inChild(size), inChild(size)].reduce((a, b) => (b.ms < a.ms ? b : a));
  const results = [10_000, 20_000].map(best);
  for (const r of results) {
    console.log(
      `fan-out/fan-in DAG of ${String(r.size).padStart(6)} tasks: ${r.ms.toFixed(0).padStart(6)} ms ` +
        `(CPU ${r.cpuMs.toFixed(0)} ms), ` +
        `${r.events} events, ${r.nodes} nodes, ${r.phase}; peak heap +${r.peakHeapMb.toFixed(0)} MB, ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  const [small, large] = results as [Measurement, Measurement];
  console.log(
    `20k/10k: time ${(large.ms / small.ms).toFixed(2)}x, CPU ${(large.cpuMs / small.cpuMs).toFixed(2)}x, ` +
      `heap ${(large.peakHeapMb / small.peakHeapMb).toFixed(2)}x (linear ≈ 2x)`,
  );
}
