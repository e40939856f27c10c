// `npm run conformance -- [DIR] [--filter S] [--timeout SECONDS] [--concurrency N] [--json] [--allow-misses]`:
// runs Argo's example corpus on Slipway's engine and local executor, with stand-in images.
import { existsSync } from 'node:fs';
import { classifyCorpus, parseConformanceArgs, resultLine, runCases, summaryLines } from './run';

const options = parseConformanceArgs(process.argv.slice(2));
// Sandboxes die with this process (bubblewrap's --die-with-parent): exit at once on ^C.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
if (!existsSync(options.root)) {
  console.log(`conformance corpus not found at ${options.root}: nothing run`);
  process.exit(0);
}
const classified = await classifyCorpus(options.root, options.filter);
const log = options.json ? (line: string) => process.stderr.write(`${line}\n`) : console.log;
log(`${classified.cases.length} workflows to run, ${classified.excluded.length} excluded`);
const report = await runCases(classified, {
  timeoutMs: options.timeoutMs,
  concurrency: options.concurrency,
  keepHome: options.keepHome,
  onResult: (result) => log(resultLine(result)),
  onNote: log,
});
if (options.json) console.log(JSON.stringify(report, null, 2));
else for (const line of summaryLines(report)) console.log(line);
const missed = report.results.some((r) => !r.passed);
process.exit(missed && !options.allowMisses ? 1 : 0);
