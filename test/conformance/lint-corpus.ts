// `npm run conformance:lint -- DIR`: scores Slipway's linter against Argo's example corpus.
import { existsSync } from 'node:fs';
import { formatDiagnostic } from '@slipway/core';
import { DEFAULT_CORPUS, lintCorpus } from './corpus';

const root = process.argv[2] ?? DEFAULT_CORPUS;
if (!existsSync(root)) {
  console.log(`conformance corpus not found at ${root}: skipped`);
  process.exit(0);
}
const started = performance.now();
const results = await lintCorpus(root);
const elapsed = performance.now() - started;
for (const result of results.filter((r) => !r.ok)) {
  if (result.expect === 'clean') {
    console.log(`FAIL ${result.file}: expected no error, got ${result.errors.length}`);
    for (const error of result.errors.slice(0, 5)) console.log(`  ${formatDiagnostic(error).split('\n')[0]}`);
  } else {
    console.log(`FAIL ${result.file}: expected to be rejected, lints clean`);
  }
}
for (const result of results.filter((r) => r.ok && r.expect === 'rejected')) {
  console.log(`rejected ${result.file}: ${result.errors[0]?.message ?? ''}`);
}
const clean = results.filter((r) => r.expect === 'clean');
const rejected = results.filter((r) => r.expect === 'rejected');
console.log(
  `clean: ${clean.filter((r) => r.ok).length}/${clean.length} files lint with no error; ` +
    `rejected: ${rejected.filter((r) => r.ok).length}/${rejected.length} invalid files rejected; ${elapsed.toFixed(0)} ms`,
);
process.exit(results.every((r) => r.ok) ? 0 : 1);
