// bench/lint: how long linting takes, against the cost of only parsing the same YAML (the peer measured in
// the same process: the `yaml` library's parser, which any YAML-reading linter pays at least).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lint, loadDocuments, readSources, type Source } from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { generateDagWorkflow } from './generate';

function best(runs: number, work: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function measure(label: string, sources: Source[], runs: number): number {
  const parseOnly = best(runs, () => {
    for (const s of sources) parseAllDocuments(s.text);
  });
  let errors = 0;
  const full = best(runs, () => {
    errors = lint(loadDocuments(sources)).filter((d) => d.severity === 'error').length;
  });
  console.log(
    `${label.padEnd(34)} lint ${full.toFixed(1).padStart(8)} ms   yaml parse only ${parseOnly.toFixed(1).padStart(8)} ms   ratio ${(full / parseOnly).toFixed(2)}x   errors ${errors}`,
  );
  return full;
}

const corpus =
  process.argv[2] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'argo');
if (existsSync(corpus)) {
  const sources = await readSources([join(corpus, 'examples'), join(corpus, 'e2e')]);
  measure(`Argo corpus (${sources.length} files)`, sources, 5);
} else {
  console.log(`Argo corpus not found at ${corpus}: corpus run skipped`);
}

const sizes = [1_000, 2_000, 5_000, 10_000];
const times: number[] = [];
for (const size of sizes) {
  times.push(
    measure(`DAG of ${size} tasks`, [{ file: `dag-${size}.yaml`, text: generateDagWorkflow(size) }], 3),
  );
}
const perTask = sizes.map((size, i) => (times[i]! / size) * 1000);
console.log(
  `per task (µs): ${perTask.map((t, i) => `${sizes[i]}: ${t.toFixed(1)}`).join(', ')}; growth 1k→10k ${(times.at(-1)! / times[0]!).toFixed(1)}x for 10x tasks`,
);
