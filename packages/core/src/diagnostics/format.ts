import type { Diagnostic } from './diagnostic';

/** Colour functions for terminal output; identity functions give plain text. */
export interface Painter {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const plain = (text: string) => text;
/** A painter that adds nothing, for pipes and files. */
export const PLAIN: Painter = { red: plain, yellow: plain, bold: plain, dim: plain, cyan: plain };

/** `file:line:col: severity: message [CODE]`, then the suggestion and the source line when known. */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  paint: Painter = PLAIN,
  sourceText?: string,
): string {
  const { range, severity, message, code, suggestion } = diagnostic;
  const where = `${range.file}:${range.start.line}:${range.start.col}`;
  const label = severity === 'error' ? paint.red(paint.bold('error')) : paint.yellow(paint.bold('warning'));
  const lines = [`${paint.bold(where)}: ${label}: ${message} ${paint.dim(`[${code}]`)}`];
  const sourceLine = sourceText?.split('\n')[range.start.line - 1];
  if (sourceLine !== undefined && sourceLine.trim() !== '') {
    const gutter = String(range.start.line).padStart(5);
    const width =
      range.end.line === range.start.line
        ? Math.max(1, range.end.col - range.start.col)
        : Math.max(1, sourceLine.length - range.start.col + 1);
    lines.push(`${paint.dim(`${gutter} |`)} ${sourceLine.replace(/\t/g, ' ')}`);
    lines.push(
      `${paint.dim(`${' '.repeat(5)} |`)} ${' '.repeat(range.start.col - 1)}${(severity === 'error' ? paint.red : paint.yellow)('^'.repeat(Math.min(width, 120)))}`,
    );
  }
  if (suggestion) lines.push(`${paint.dim(`${' '.repeat(5)} =`)} ${paint.cyan('help')}: ${suggestion}`);
  return lines.join('\n');
}

/** Counts of errors and warnings. */
export interface DiagnosticSummary {
  readonly errors: number;
  readonly warnings: number;
}

/** Counts errors and warnings. */
export function summarize(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
