import type { YAMLError } from 'yaml';

/** Text with some lines re-indented, and how many spaces were added to each (by 1-based line number). */
export interface RelaxedText {
  readonly text: string;
  readonly shifts: Map<number, number>;
}

const MAX_FIXES = 64;
const INDENT_ERRORS = new Set(['MISSING_CHAR', 'BAD_INDENT']);

/**
 * Re-indents under-indented continuation lines of quoted and flow scalars, one at a time, until `errorsOf`
 * reports none of the indentation kind. Returns undefined when that does not make the text parse.
 */
export function relaxIndentation(
  text: string,
  errorsOf: (text: string) => YAMLError[],
): RelaxedText | undefined {
  const lines = text.split('\n');
  const shifts = new Map<number, number>();
  for (let fix = 0; fix < MAX_FIXES; fix++) {
    const current = lines.join('\n');
    const errors = errorsOf(current);
    if (errors.length === 0) return fix === 0 ? undefined : { text: current, shifts };
    const first = errors[0]!;
    if (!INDENT_ERRORS.has(first.code) && !/sufficiently indented/.test(first.message)) return undefined;
    const errorLine = lineOf(current, first.pos[0]);
    // A missing closing quote is reported at the end of the last line that was still indented enough.
    const target = first.code === 'MISSING_CHAR' ? nextNonBlank(lines, errorLine + 1) : errorLine;
    if (target === undefined) return undefined;
    const previous = previousNonBlank(lines, target - 1);
    if (previous === undefined) return undefined;
    const wanted = indentOf(lines[previous]!);
    const have = indentOf(lines[target]!);
    if (wanted <= have) return undefined;
    lines[target] = ' '.repeat(wanted - have) + lines[target];
    shifts.set(target + 1, (shifts.get(target + 1) ?? 0) + wanted - have);
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function nextNonBlank(lines: string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return undefined;
}

function previousNonBlank(lines: string[], from: number): number | undefined {
  for (let i = from; i >= 0; i--) if (lines[i]!.trim() !== '') return i;
  return undefined;
}
