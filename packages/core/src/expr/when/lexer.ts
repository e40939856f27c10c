import { WhenSyntaxError } from './errors';
import { codePointAt, hasGoUpperCase, isGoDigit, isGoLetter, isGoSpace } from './go-chars';
import { parseGoFloat, parseGoHex } from './go-number';
import { parseGovaluateTime } from './go-time';
import {
  COMPARATORS,
  type ComparatorOperator,
  LOGICALS,
  type LogicalOperator,
  MODIFIERS,
  type ModifierOperator,
  PREFIXES,
  type PrefixOperator,
  TERNARIES,
  type TernaryOperator,
  type WhenToken,
} from './tokens';

interface Run {
  /** The text read, with backslash escapes applied. */
  readonly text: string;
  /** Where reading stopped. */
  readonly end: number;
  /** Just past the last character that went into `text`, so trailing blanks are not part of the token. */
  readonly contentEnd: number;
  /** False when the source ended before the condition failed (an unterminated string or bracket). */
  readonly completed: boolean;
}

interface RunOptions {
  readonly keepSpaces: boolean;
  readonly stopAtSpace: boolean;
  readonly accept: (ch: string) => boolean;
}

const isQuote = (ch: string) => ch === "'" || ch === '"';
const isNumeric = (ch: string) => ch === '.' || isGoDigit(ch);
const isHexDigit = (ch: string) => /^[a-fA-F]$/.test(ch) || isGoDigit(ch);
const isVariableChar = (ch: string) => ch === '_' || ch === '.' || isGoLetter(ch) || isGoDigit(ch);
// A symbol run is everything govaluate does not treat as a word, number, bracket or quote.
const isSymbolChar = (ch: string) => !(isGoDigit(ch) || isGoLetter(ch) || '()[]'.includes(ch) || isQuote(ch));

/** govaluate's readUntilFalse: every token body is read this way, with `\` escaping the next character. */
function readRun(source: string, start: number, options: RunOptions): Run {
  let text = '';
  let i = start;
  let contentEnd = start;
  while (i < source.length) {
    const ch = codePointAt(source, i);
    if (ch === '\\') {
      const escaped = codePointAt(source, i + 1);
      // Go indexes past the end of its rune slice here and panics; Slipway reports it instead.
      if (escaped === '')
        throw new WhenSyntaxError('a backslash at the end of the expression escapes nothing', i, 1);
      text += escaped;
      i += 1 + escaped.length;
      contentEnd = i;
      continue;
    }
    if (isGoSpace(ch)) {
      if (options.stopAtSpace && text !== '')
        return { text, end: i + ch.length, contentEnd, completed: true };
      if (!options.keepSpaces) {
        i += ch.length;
        continue;
      }
    }
    if (!options.accept(ch)) return { text, end: i, contentEnd, completed: true };
    text += ch;
    i += ch.length;
    contentEnd = i;
  }
  return { text, end: i, contentEnd, completed: false };
}

const WORD: RunOptions = { keepSpaces: false, stopAtSpace: true, accept: isVariableChar };
const NUMBER: RunOptions = { keepSpaces: false, stopAtSpace: true, accept: isNumeric };
const HEX: RunOptions = { keepSpaces: false, stopAtSpace: true, accept: isHexDigit };
const SYMBOL: RunOptions = { keepSpaces: false, stopAtSpace: true, accept: isSymbolChar };
const QUOTED: RunOptions = { keepSpaces: true, stopAtSpace: false, accept: (ch) => !isQuote(ch) };
const BRACKETED: RunOptions = { keepSpaces: true, stopAtSpace: false, accept: (ch) => ch !== ']' };

/** Whether govaluate would read `-`, `!` or `~` as a prefix operator after this token. */
function prefixAllowedAfter(previous: WhenToken | undefined): boolean {
  if (previous === undefined) return true;
  return ['lparen', 'modifier', 'comparator', 'logical', 'ternary', 'separator'].includes(previous.kind);
}

function readNumber(source: string, start: number): { token: WhenToken; end: number } {
  // govaluate takes `0x` as a hex prefix only when at least one more character follows the `x`.
  if (source[start] === '0' && source[start + 1] === 'x' && start + 2 < source.length) {
    const run = readRun(source, start + 2, HEX);
    const value = parseGoHex(run.text);
    const length = run.contentEnd - start;
    if (value === undefined) {
      throw new WhenSyntaxError(`cannot read \`0x${run.text}\` as a hexadecimal number`, start, length);
    }
    return { token: { kind: 'number', value, offset: start, length }, end: run.end };
  }
  const run = readRun(source, start, NUMBER);
  const value = parseGoFloat(run.text);
  const length = run.contentEnd - start;
  if (value === undefined) {
    const hint = /^\d+(\.\d+)+$/.test(run.text) ? ' (a version number must be quoted, e.g. "1.2.3")' : '';
    throw new WhenSyntaxError(`cannot read \`${run.text}\` as a number${hint}`, start, length);
  }
  return { token: { kind: 'number', value, offset: start, length }, end: run.end };
}

/** Spans of `{{…}}` tags that were blanked out before lexing (see checkWhenTemplate). */
export type TagSpans = readonly { readonly offset: number; readonly length: number }[];

function overlapsTag(tags: TagSpans, offset: number, end: number): boolean {
  return tags.some((tag) => tag.offset < end && offset < tag.offset + tag.length);
}

function readWord(source: string, start: number, tags: TagSpans): { token: WhenToken; end: number } {
  const run = readRun(source, start, WORD);
  const text = run.text;
  const offset = start;
  const length = run.contentEnd - start;
  if (overlapsTag(tags, offset, run.contentEnd)) {
    // The word stands for a tag whose value is unknown here, so none of the word rules apply.
    return {
      token: { kind: 'word', value: text, bracketed: false, offset, length, template: true },
      end: run.end,
    };
  }
  if (text === 'true' || text === 'false') {
    return { token: { kind: 'boolean', value: text === 'true', offset, length }, end: run.end };
  }
  if (text === 'in' || text === 'IN') {
    return { token: { kind: 'comparator', op: 'in', offset, length }, end: run.end };
  }
  if (text.indexOf('.') > 0) {
    // govaluate reads a dotted word as a field access on a parameter, checked here as Go checks it.
    if (text.endsWith('.')) {
      throw new WhenSyntaxError(`\`${text}\` ends with a dot; quote it to use it as text`, offset, length);
    }
    const path = text.split('.');
    for (const field of path.slice(1)) {
      const first = codePointAt(field, 0);
      if (first !== '' && hasGoUpperCase(first)) {
        throw new WhenSyntaxError(
          `govaluate reads \`${text}\` as access to the unexported field \`${field}\`; quote it to use it as text`,
          offset,
          length,
        );
      }
    }
    return { token: { kind: 'accessor', path, offset, length, template: false }, end: run.end };
  }
  return {
    token: { kind: 'word', value: text, bracketed: false, offset, length, template: false },
    end: run.end,
  };
}

function readSymbol(
  source: string,
  start: number,
  previous: WhenToken | undefined,
): { token: WhenToken; end: number } {
  const run = readRun(source, start, SYMBOL);
  const op = run.text;
  const offset = start;
  const length = run.contentEnd - start;
  const end = run.end;
  if (prefixAllowedAfter(previous) && PREFIXES.has(op)) {
    return { token: { kind: 'prefix', op: op as PrefixOperator, offset, length }, end };
  }
  if (MODIFIERS.has(op))
    return { token: { kind: 'modifier', op: op as ModifierOperator, offset, length }, end };
  if (LOGICALS.has(op)) return { token: { kind: 'logical', op: op as LogicalOperator, offset, length }, end };
  if (COMPARATORS.has(op))
    return { token: { kind: 'comparator', op: op as ComparatorOperator, offset, length }, end };
  if (TERNARIES.has(op))
    return { token: { kind: 'ternary', op: op as TernaryOperator, offset, length }, end };
  throw new WhenSyntaxError(invalidSymbolMessage(op, previous), offset, Math.max(length, 1));
}

function invalidSymbolMessage(op: string, previous: WhenToken | undefined): string {
  if (op.startsWith('{{') || op.startsWith('}}')) {
    return `unresolved template tag \`${op}\`: substitute \`{{…}}\` tags before evaluating a \`when\` expression`;
  }
  if (PREFIXES.has(op)) {
    return previous?.kind === 'prefix'
      ? `\`${op}\` cannot follow another prefix operator; use parentheses, as in \`!(!x)\``
      : `\`${op}\` cannot follow a value; it is a prefix operator`;
  }
  if (op === '=') return 'unknown operator `=`; did you mean `==`?';
  const glued = [...COMPARATORS, ...LOGICALS, ...MODIFIERS, ...TERNARIES].find((known) =>
    op.startsWith(known),
  );
  const spacing = glued ? `; put a space after \`${glued}\`` : '';
  return `unexpected \`${op}\`: not a govaluate operator${spacing} (if it is part of a value, wrap the value in quotes)`;
}

/**
 * Splits a `when` expression into tokens exactly where govaluate's lexer would. Words overlapping one of
 * `tags` (spans of `{{…}}` tags already replaced by letters) become template placeholders.
 */
export function tokenizeWhen(source: string, tags: TagSpans = []): WhenToken[] {
  const tokens: WhenToken[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = codePointAt(source, i);
    if (isGoSpace(ch)) {
      i += ch.length;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    let read: { token: WhenToken; end: number };
    if (isNumeric(ch)) {
      read = readNumber(source, i);
    } else if (ch === ',') {
      read = { token: { kind: 'separator', offset: i, length: 1 }, end: i + 1 };
    } else if (ch === '[') {
      const run = readRun(source, i + 1, BRACKETED);
      if (!run.completed) throw new WhenSyntaxError('unclosed `[`: expected `]`', i, 1);
      const token: WhenToken = {
        kind: 'word',
        value: run.text,
        bracketed: true,
        template: false,
        offset: i,
        length: run.end + 1 - i,
      };
      read = { token, end: run.end + 1 };
    } else if (isGoLetter(ch)) {
      read = readWord(source, i, tags);
    } else if (isQuote(ch)) {
      const run = readRun(source, i + 1, QUOTED);
      if (!run.completed) throw new WhenSyntaxError(`unclosed string: expected a closing quote`, i, 1);
      const offset = i;
      const length = run.end + 1 - i;
      const time = parseGovaluateTime(run.text);
      const token: WhenToken =
        time === undefined
          ? { kind: 'string', value: run.text, offset, length }
          : { kind: 'time', value: time, text: run.text, offset, length };
      read = { token, end: run.end + 1 };
    } else if (ch === '(') {
      read = { token: { kind: 'lparen', offset: i, length: 1 }, end: i + 1 };
    } else if (ch === ')') {
      read = { token: { kind: 'rparen', offset: i, length: 1 }, end: i + 1 };
    } else {
      read = readSymbol(source, i, previous);
    }
    const token = read.token;
    if (token.kind === 'word' && token.template && previous?.kind === 'number') {
      // `5{{x}}` lexes as a number and a word, but after substitution it is a single value.
      if (previous.offset + previous.length === token.offset) {
        tokens.pop();
        tokens.push({
          ...token,
          offset: previous.offset,
          length: token.offset + token.length - previous.offset,
        });
        i = read.end;
        continue;
      }
    }
    tokens.push(token);
    i = read.end;
  }
  return tokens;
}
