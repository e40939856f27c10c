import type { SourceRange } from '../diagnostics/diagnostic';
import type { ValueSource } from '../spec/source-map';

/**
 * The range of `length` characters at `offset` of a decoded string value, found in the file as written.
 * Single-line plain and quoted scalars map directly; otherwise the text (or `needle`) is searched for in the
 * lines the value spans, which also works for block scalars whose indentation the value no longer has.
 */
export function locateInValue(
  source: ValueSource,
  fileText: string | undefined,
  value: string,
  offset: number,
  length: number,
  needle = value.slice(offset, offset + length),
): SourceRange {
  const { range } = source;
  const singleLine = range.start.line === range.end.line && !value.includes('\n');
  if (singleLine && source.raw !== undefined && (source.style === 'plain' || source.raw === value)) {
    const quote = source.style === 'single-quoted' || source.style === 'double-quoted' ? 1 : 0;
    const col = range.start.col + quote + offset;
    return {
      file: range.file,
      start: { line: range.start.line, col },
      end: { line: range.start.line, col: col + length },
    };
  }
  if (fileText !== undefined && needle !== '') {
    const occurrence = countOccurrences(value.slice(0, offset), needle);
    const found = findInLines(
      fileText,
      range.start.line,
      range.end.line,
      range.start.col,
      needle,
      occurrence,
    );
    if (found)
      return { file: range.file, start: found, end: { line: found.line, col: found.col + needle.length } };
  }
  return range;
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

function findInLines(
  text: string,
  firstLine: number,
  lastLine: number,
  firstCol: number,
  needle: string,
  occurrence: number,
): { line: number; col: number } | undefined {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = firstLine; line <= Math.min(lastLine, lines.length); line++) {
    const content = lines[line - 1] ?? '';
    let from = line === firstLine ? Math.max(0, firstCol - 1) : 0;
    for (let at = content.indexOf(needle, from); at !== -1; at = content.indexOf(needle, from)) {
      if (seen === occurrence) return { line, col: at + 1 };
      seen++;
      from = at + needle.length;
    }
  }
  return undefined;
}
