// The whole run: classify the corpus, build and publish the stand-in images, run the cases a few at a time,
// report.

import { startTestRegistry } from '../../../packages/oci/src/testing/registry';
import type { Classification, RunCase } from './classify';
import { executeCase } from './execute';
import { imagesUsed } from './images-used';
import { type CaseResult, type ConformanceReport, meetsExpectation } from './report';
import { openSession } from './session';
import { buildStandInImages, type HostPrograms } from './stand-ins/build-images';
import { type StandInKind, standInFor } from './stand-ins/catalog';
import { publishStandIns } from './stand-ins/publish';
import { standInResolver } from './stand-ins/resolver';

/** How to run a set of cases. */
export interface RunOptions {
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly keepHome?: boolean;
  readonly programs?: HostPrograms;
  /** Called as each case ends, and with progress notes. */
  readonly onResult?: (result: CaseResult) => void;
  readonly onNote?: (note: string) => void;
}

/** Runs the classified cases against stand-in images on a loopback registry. */
export async function runCases(classified: Classification, options: RunOptions): Promise<ConformanceReport> {
  const started = performance.now();
  const note = options.onNote ?? (() => {});
  const registry = await startTestRegistry('plain');
  try {
    const names = imagesUsed([...classified.cases.map((c) => c.workflow), ...classified.templates]);
    // Names only known at run time (`{{inputs.parameters.image}}`) fall back to these (see standInResolver).
    const kinds = new Set<StandInKind>(['busybox', 'alpine', 'debian']);
    for (const name of names) {
      const kind = standInFor(name);
      if (typeof kind === 'string') kinds.add(kind);
    }
    const images = await buildStandInImages(options.programs, kinds);
    const published = await publishStandIns(registry.host, images, names);
    note(`stand-in images on ${registry.host}: ${[...published.names.values()].flat().length} names`);
    const session = await openSession({
      images: standInResolver(published, [registry.host]),
      templates: classified.templates,
      configMaps: classified.configMaps,
      ...(options.keepHome ? { keepHome: true } : {}),
    });
    if (options.keepHome) note(`state in ${session.home}`);
    const results: CaseResult[] = [];
    try {
      const queue = [...classified.cases];
      const worker = async (): Promise<void> => {
        for (let run = queue.shift(); run; run = queue.shift()) {
          const result = await runOne(run);
          results.push(result);
          options.onResult?.(result);
        }
      };
      const runOne = async (run: RunCase): Promise<CaseResult> => {
        const outcome = await executeCase(session, run, run.timeoutMs ?? options.timeoutMs);
        return {
          id: run.id,
          category: run.category,
          expect: run.expect,
          outcome,
          passed: meetsExpectation(run.expect, outcome.phase),
        };
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
    } finally {
      await session.close();
    }
    const order = new Map(classified.cases.map((c, i) => [c.id, i]));
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { results, excluded: classified.excluded, seconds: (performance.now() - started) / 1000 };
  } finally {
    await registry.stop();
  }
}
