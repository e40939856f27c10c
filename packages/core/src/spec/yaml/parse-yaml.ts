import { type Document, LineCounter, type Node, parseAllDocuments, type Tags, type YAMLError } from 'yaml';
import type { Diagnostic, Position, SourceRange } from '../../diagnostics/diagnostic';
import { fastParse } from './fast-parse';
import { relaxIndentation } from './relax-indentation';

/** Turns a character offset of the parsed text into a position in the file as written. */
export type Locate = (offset: number) => Position;

/** One YAML document of a file, with what is needed to turn offsets into positions. */
export interface YamlDocument {
  readonly file: string;
  /** The document's root node (null for an empty document). */
  readonly contents: Node | null;
  /** The complete parser's document, when that parser was used: needed to resolve aliases. */
  readonly document?: Document.Parsed;
  readonly locate: Locate;
  /** 0-based index of the document inside its file. */
  readonly index: number;
}

/** The result of parsing one file: its documents and any syntax errors, as diagnostics. */
export interface ParsedYamlFile {
  readonly documents: YamlDocument[];
  readonly diagnostics: Diagnostic[];
}

/** Parser options; `fast: false` forces the complete parser (tests compare both paths). */
export interface ParseYamlOptions {
  readonly fast?: boolean;
}

const DROPPED_TAG_NAMES = new Set(['intTime', 'floatTime', 'timestamp']);
const FLOAT_TAG = 'tag:yaml.org,2002:float';

// Argo reads YAML with go-yaml v2: YAML 1.1 booleans (`yes`/`no`/`on`/`off`) and octals (`0777`), but
// timestamps and sexagesimals (`1:20`) stay strings, and a lone `.` is a string, not a float.
function argoTags(tags: Tags): Tags {
  const kept = tags.filter((tag) =>
    typeof tag === 'string'
      ? !DROPPED_TAG_NAMES.has(tag)
      : tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp',
  );
  return kept.map((tag) => {
    if (typeof tag === 'string' || tag.tag !== FLOAT_TAG || !('test' in tag) || !tag.test) return tag;
    const test = tag.test;
    return { ...tag, test: new RegExp(`^(?![-+]?\\.$)(?:${test.source})$`) };
  }) as Tags;
}

/** Builds a range from two offsets of the parsed text. */
export function rangeFromOffsets(file: string, locate: Locate, start: number, end: number): SourceRange {
  return { file, start: locate(start), end: locate(Math.max(start, end)) };
}

function parseText(text: string): { documents: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter,
    version: '1.1',
    customTags: argoTags,
    // Duplicate keys are reported by the decoder as warnings: go-yaml keeps the last one, and so do we.
    uniqueKeys: false,
    prettyErrors: false,
  });
  return { documents: Array.isArray(parsed) ? parsed : [], lineCounter };
}

/**
 * Parses every document of a YAML file the way Argo does; syntax errors become diagnostics. Files the fast
 * composer can represent go through it; the rest (and every file with an error) through the complete parser.
 * go-yaml accepts quoted and flow scalars whose continuation lines are indented less than YAML 1.2 asks
 * (Argo's own examples rely on it), so such lines are re-indented and positions mapped back.
 */
export function parseYaml(file: string, text: string, options: ParseYamlOptions = {}): ParsedYamlFile {
  const fast = options.fast === false ? undefined : fastParse(text, argoTags);
  if (fast) {
    const locate: Locate = (offset) => fast.lineCounter.linePos(offset);
    const documents = fast.roots.map((contents, index) => ({ file, contents, locate, index }));
    return { documents, diagnostics: [] };
  }
  let attempt = parseText(text);
  let shifts = new Map<number, number>();
  if (attempt.documents.some((doc) => doc.errors.length > 0)) {
    const relaxed = relaxIndentation(text, (candidate) => firstErrors(parseText(candidate).documents));
    if (relaxed) {
      attempt = parseText(relaxed.text);
      shifts = relaxed.shifts;
    }
  }
  const { documents: parsed, lineCounter } = attempt;
  const locate: Locate = (offset) => {
    const position = lineCounter.linePos(offset);
    const shift = shifts.get(position.line) ?? 0;
    return { line: position.line, col: Math.max(1, position.col - shift) };
  };
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  for (const [index, document] of parsed.entries()) {
    for (const error of document.errors) {
      const [start, end] = error.pos;
      diagnostics.push({
        severity: 'error',
        code: 'SLIPWAY_YAML_SYNTAX',
        message: `YAML syntax: ${firstLine(error.message)}`,
        range: rangeFromOffsets(file, locate, start, end),
      });
    }
    documents.push({ file, contents: document.contents as Node | null, document, locate, index });
  }
  return { documents, diagnostics };
}

function firstErrors(documents: Document.Parsed[]): YAMLError[] {
  return documents.flatMap((doc) => doc.errors);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml library appends " at line L, column C"; our prefix already says where.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
