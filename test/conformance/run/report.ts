// What the runner prints: a line per workflow as it ends, then counts per category, each miss and each
// reason for leaving a file out.
import type { Category, Exclusion, RunCase } from './classify';
import type { CaseOutcome } from './execute';

/** A case and how it ended. */
export interface CaseResult {
  readonly id: string;
  readonly category: Category;
  readonly expect: RunCase['expect'];
  readonly outcome: CaseOutcome;
  readonly passed: boolean;
}

/** Everything a run found, as `--json` prints it. */
export interface ConformanceReport {
  readonly results: CaseResult[];
  readonly excluded: Exclusion[];
  readonly seconds: number;
}

/** Whether `phase` is what `expect` asks for (`Failed` accepts Error). */
export function meetsExpectation(expect: RunCase['expect'], phase: string): boolean {
  if (expect === 'Any') return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
  return expect === 'Succeeded' ? phase === 'Succeeded' : phase === 'Failed' || phase === 'Error';
}

/** The line printed when a case ends. */
export function resultLine(result: CaseResult): string {
  const mark = result.passed ? 'ok  ' : 'MISS';
  const got = result.outcome.phase;
  return `${mark} ${result.id}: expected ${result.expect}, got ${got} (${result.outcome.seconds.toFixed(1)} s)`;
}

/** The summary: counts per category, misses with their message and failing nodes, exclusions by reason. */
export function summaryLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  const categories = [...new Set([...report.results, ...report.excluded].map((r) => r.category))];
  lines.push('', 'category                 passed  missed  excluded');
  for (const category of categories) {
    const results = report.results.filter((r) => r.category === category);
    const passed = results.filter((r) => r.passed).length;
    const excluded = report.excluded.filter((e) => e.category === category).length;
    lines.push(
      `${category.padEnd(24)} ${String(passed).padStart(6)}  ${String(results.length - passed).padStart(6)}  ${String(excluded).padStart(8)}`,
    );
  }
  const misses = report.results.filter((r) => !r.passed);
  if (misses.length > 0) lines.push('', 'misses:');
  for (const miss of misses) {
    lines.push(
      `  ${miss.id}: expected ${miss.expect}, got ${miss.outcome.phase}${miss.outcome.message ? ` (${miss.outcome.message})` : ''}`,
    );
    for (const node of miss.outcome.failedNodes.slice(0, 5)) lines.push(`      ${node}`);
  }
  if (report.excluded.length > 0) lines.push('', 'excluded:');
  for (const exclusion of report.excluded) lines.push(`  ${exclusion.id}: ${exclusion.reason}`);
  const passed = report.results.filter((r) => r.passed).length;
  lines.push(
    '',
    `${passed}/${report.results.length} workflows ended in the expected phase; ${misses.length} missed; ` +
      `${report.excluded.length} excluded; ${report.seconds.toFixed(0)} s`,
  );
  return lines;
}
