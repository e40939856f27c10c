import { column, ExprSyntaxError } from './errors';

/** Lexical category of a token, as in expr-lang's lexer. */
export type TokenKind = 'identifier' | 'number' | 'string' | 'operator' | 'bracket' | 'eof';

/** One token with its place in the source; `value` is decoded for strings and raw otherwise. */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly offset: number;
  readonly length: number;
}

/** Words the lexer turns into operator tokens rather than identifiers. */
const WORD_OPERATORS = new Set([
  'not',
  'in',
  'or',
  'and',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'let',
  'if',
  'else',
]);

const LETTER = /[\p{L}_$]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}_$]/u;
const SPACE = /\s/u;

/** Split an expression into tokens, ending with an `eof` token. Throws `ExprSyntaxError` on bad input. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, offset: number, length: number): void => {
    tokens.push({ kind, value, offset, length });
  };
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new ExprSyntaxError('comment opened with `/*` is never closed by `*/`', i, 2);
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readQuoted(source, i);
      push('string', value, i, end - i);
      i = end;
    } else if ((ch === 'b' || ch === 'B') && (next === '"' || next === "'")) {
      // Byte strings behave as strings here: Slipway has no separate bytes type.
      const { value, end } = readQuoted(source, i + 1);
      push('string', value, i, end - i);
      i = end;
    } else if (ch === '`') {
      const { value, end } = readRaw(source, i);
      push('string', value, i, end - i);
      i = end;
    } else if (isDigit(ch) || (ch === '.' && next !== undefined && isDigit(next))) {
      const end = scanNumber(source, i);
      push('number', source.slice(i, end), i, end - i);
      i = end;
    } else if (LETTER.test(ch)) {
      let end = i + 1;
      while (end < source.length && LETTER_OR_DIGIT.test(source[end] as string)) end++;
      const word = source.slice(i, end);
      push(WORD_OPERATORS.has(word) ? 'operator' : 'identifier', word, i, end - i);
      i = end;
    } else if ('([{)]}'.includes(ch)) {
      push('bracket', ch, i, 1);
      i++;
    } else {
      const op = readOperator(source, i);
      if (op === undefined) {
        throw new ExprSyntaxError(`unexpected character \`${ch}\` at column ${column(i)}`, i, 1);
      }
      push('operator', op, i, op.length);
      i += op.length;
    }
  }
  push('eof', '', source.length, 0);
  return tokens;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** The operator starting at `i`, following expr-lang's one-or-two character rules. */
function readOperator(source: string, i: number): string | undefined {
  const ch = source[i] as string;
  const next = source[i + 1] ?? '';
  switch (ch) {
    case '?':
      return next === '.' || next === '?' ? ch + next : ch;
    case '|':
      return next === '|' ? '||' : '|';
    case '.':
      return next === '.' ? '..' : '.';
    case '#':
    case ':':
    case ',':
    case ';':
    case '%':
    case '+':
    case '-':
    case '^':
    case '/':
      return ch;
    case '&':
    case '!':
    case '=':
    case '*':
    case '<':
    case '>':
      return '&=*'.includes(next) && next !== '' ? ch + next : ch;
    default:
      return undefined;
  }
}

/** End offset of the number literal starting at `start`, as expr-lang's `scanNumber` accepts it. */
function scanNumber(source: string, start: number): number {
  let i = start;
  let digits = '0123456789_';
  if (source[i] === '0') {
    i++;
    const prefix = source[i]?.toLowerCase();
    if (prefix === 'x') digits = '0123456789abcdefABCDEF_';
    else if (prefix === 'o') digits = '01234567_';
    else if (prefix === 'b') digits = '01_';
    if (digits !== '0123456789_') i++;
  }
  const run = (): void => {
    while (i < source.length && digits.includes(source[i] as string)) i++;
  };
  run();
  if (source[i] === '.' && source[i + 1] !== '.') {
    i++;
    run();
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    run();
  }
  const after = source[i];
  if (after !== undefined && LETTER_OR_DIGIT.test(after)) {
    let end = i;
    while (end < source.length && LETTER_OR_DIGIT.test(source[end] as string)) end++;
    throw new ExprSyntaxError(
      `invalid number literal \`${source.slice(start, end)}\` at column ${column(start)}`,
      start,
      end - start,
    );
  }
  return i;
}

/** Read a `'…'` or `"…"` literal starting at the quote; returns the decoded value and the end offset. */
function readQuoted(source: string, start: number): { value: string; end: number } {
  const quote = source[start] as string;
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = source[i];
    if (ch === undefined || ch === '\n') {
      throw new ExprSyntaxError(
        `string literal opened at column ${column(start)} is not closed by \`${quote}\``,
        start,
        i - start,
      );
    }
    if (ch === quote) return { value, end: i + 1 };
    if (ch !== '\\') {
      // expr-lang normalises a carriage return inside a literal to a newline.
      value += ch === '\r' ? '\n' : ch;
      i++;
      continue;
    }
    const decoded = decodeEscape(source, i, quote);
    value += decoded.text;
    i = decoded.end;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Decode the escape sequence at `i` (which holds the backslash). */
function decodeEscape(source: string, i: number, quote: string): { text: string; end: number } {
  const c = source[i + 1] ?? '';
  const bad = (length: number): ExprSyntaxError =>
    new ExprSyntaxError(
      `invalid escape sequence \`${source.slice(i, i + length)}\` in string at column ${column(i)}`,
      i,
      Math.max(1, length),
    );
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, end: i + 2 };
  if (c === quote) return { text: quote, end: i + 2 };
  if (c >= '0' && c <= '7') {
    const digits = source.slice(i + 1, i + 4);
    if (!/^[0-3][0-7]{2}$/u.test(digits)) throw bad(1 + digits.length);
    return { text: String.fromCharCode(Number.parseInt(digits, 8)), end: i + 4 };
  }
  if (c === 'u' && source[i + 2] === '{') {
    const close = source.indexOf('}', i + 3);
    const hex = close < 0 ? '' : source.slice(i + 3, close);
    if (!/^[0-9a-fA-F]{1,6}$/u.test(hex)) throw bad(close < 0 ? 3 : close - i + 1);
    return { text: codePoint(Number.parseInt(hex, 16), bad, close - i + 1), end: close + 1 };
  }
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width === 0) throw bad(2);
  const hex = source.slice(i + 2, i + 2 + width);
  if (hex.length !== width || !/^[0-9a-fA-F]+$/u.test(hex)) throw bad(2 + hex.length);
  const value = Number.parseInt(hex, 16);
  if (c === 'x') return { text: String.fromCharCode(value), end: i + 2 + width };
  return { text: codePoint(value, bad, 2 + width), end: i + 2 + width };
}

function codePoint(value: number, bad: (length: number) => ExprSyntaxError, length: number): string {
  if (value > 0x10ffff) throw bad(length);
  return String.fromCodePoint(value);
}

/** Read a backquoted raw string; a doubled backquote stands for one. */
function readRaw(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = source[i];
    if (ch === undefined) {
      throw new ExprSyntaxError(
        `raw string opened at column ${column(start)} is not closed by a backquote`,
        start,
        i - start,
      );
    }
    if (ch === '`') {
      if (source[i + 1] === '`') {
        value += '`';
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i++;
  }
}
