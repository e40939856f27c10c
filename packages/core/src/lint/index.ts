import type { Diagnostic } from '../diagnostics/diagnostic';
import type { LoadResult } from '../spec/load';
import { LintContext, type LintOptions } from './context';
import { viewOf } from './manifest-view';
import { TemplateRegistry } from './registry';
import { checkConditions } from './rules/conditions';
import { checkDags } from './rules/dag';
import { checkInvocations } from './rules/invocations';
import { checkStructure } from './rules/structure';
import { checkTraps } from './rules/traps';
import { checkVariables } from './rules/variables';

export type { LintOptions } from './context';

/**
 * Validates and lints a set of loaded manifests together, so templates may refer to each other across files.
 * Returns the loader's diagnostics followed by lint findings, sorted by file and position.
 */
export function lint(load: LoadResult, options: LintOptions = {}): Diagnostic[] {
  const ctx = new LintContext(load, new TemplateRegistry(load.manifests));
  for (const loaded of load.manifests) {
    const view = viewOf(loaded, ctx.registry);
    if (!view) continue;
    checkStructure(ctx, view);
    checkInvocations(ctx, view);
    checkDags(ctx, view);
    checkConditions(ctx, view);
    checkVariables(ctx, view);
    checkTraps(ctx, view);
  }
  const all = [...load.diagnostics, ...ctx.diagnostics];
  const kept = options.warnings === false ? all.filter((d) => d.severity === 'error') : all;
  return sortDiagnostics(dedupe(kept));
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.range.file}:${d.range.start.line}:${d.range.start.col}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Orders diagnostics by file, line and column, keeping the order of equal positions. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (a.d.range.file < b.d.range.file ? -1 : a.d.range.file > b.d.range.file ? 1 : 0) ||
        a.d.range.start.line - b.d.range.start.line ||
        a.d.range.start.col - b.d.range.start.col ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}
