import { formatDuration } from '../expr-lang/go-format';
import { OperatorError } from '../expr-lang/operators';
import { compileGoRegex, expandGoTemplate, GoRegexError } from '../expr-lang/regex';
import { formatGoLayout, parseGoDuration } from '../expr-lang/time';
import { type CallContext, kindOf, numberOf } from '../expr-lang/values';
import type { SprigSpec } from './signature';

function regex(pattern: string, global = false): RegExp {
  try {
    return compileGoRegex(pattern, global);
  } catch (error) {
    if (error instanceof GoRegexError) throw new OperatorError(error.message);
    throw error;
  }
}

function findAll(pattern: string, text: string, limit: number): RegExpExecArray[] {
  const re = regex(pattern, true);
  const out: RegExpExecArray[] = [];
  let previousEnd = -1;
  for (let m = re.exec(text); m !== null && (limit < 0 || out.length < limit); m = re.exec(text)) {
    // Go skips an empty match that directly follows the previous match.
    if (m[0] !== '' || m.index !== previousEnd) out.push(m);
    previousEnd = m.index + m[0].length;
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

function replaceAll(pattern: string, text: string, replace: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(pattern, text, -1)) {
    out += text.slice(last, m.index) + replace(m);
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/** Go's `Regexp.Split`. */
function regexSplit(pattern: string, text: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern !== '' && text === '') return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of findAll(pattern, text, -1)) {
    if (n > 0 && parts.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) parts.push(text.slice(begin, end));
    begin = m.index + m[0].length;
  }
  if (end !== text.length) parts.push(text.slice(begin));
  return parts;
}

const lenient = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OperatorError) return fallback;
    throw error;
  }
};

/** The instant Sprig's date functions format: a time, or Unix seconds for Go `int`; anything else is now. */
function dateOf(value: unknown, context: CallContext): Date {
  if (kindOf(value) === 'time') return value as Date;
  if (kindOf(value) === 'int') return new Date(numberOf(value) * 1000);
  return context.now();
}

function zoned(zone: unknown): void {
  if (zone !== 'UTC' && zone !== 'Local' && zone !== '') {
    throw new OperatorError(`time zone ${String(zone)} is not supported by Slipway (only UTC)`);
  }
}

function randomString(alphabet: string, count: number, context: CallContext): string {
  if (count < 0) throw new OperatorError('randomness count must not be negative');
  if (count > 1_000_000) throw new OperatorError('memory budget exceeded');
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[Math.floor(context.random() * alphabet.length)] ?? '';
  return out;
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** Go's `path.Clean`. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out.at(-1) !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

function basePath(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/u, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dirPath(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

function extPath(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

const pathFn = (fn: (path: string) => unknown): SprigSpec => ({
  params: ['string'],
  fn: ([p]) => fn(p as string),
});

/** Sprig's regex, date, path, random and flow-control functions. */
export const MISC_FUNCTIONS: Record<string, SprigSpec> = {
  hello: { params: [], fn: () => 'Hello!' },
  regexMatch: {
    params: ['string', 'string'],
    fn: ([pattern, text]) => lenient(() => regex(pattern as string).test(text as string), false),
  },
  mustRegexMatch: {
    params: ['string', 'string'],
    fn: ([pattern, text]) => regex(pattern as string).test(text as string),
  },
  regexFind: {
    params: ['string', 'string'],
    fn: ([pattern, text]) => findAll(pattern as string, text as string, 1)[0]?.[0] ?? '',
  },
  mustRegexFind: {
    params: ['string', 'string'],
    fn: ([pattern, text]) => findAll(pattern as string, text as string, 1)[0]?.[0] ?? '',
  },
  regexFindAll: {
    params: ['string', 'string', 'int'],
    fn: ([pattern, text, n]) => findAll(pattern as string, text as string, n as number).map((m) => m[0]),
  },
  mustRegexFindAll: {
    params: ['string', 'string', 'int'],
    fn: ([pattern, text, n]) => findAll(pattern as string, text as string, n as number).map((m) => m[0]),
  },
  regexReplaceAll: {
    params: ['string', 'string', 'string'],
    fn: ([pattern, text, repl]) =>
      replaceAll(pattern as string, text as string, (m) => expandGoTemplate(repl as string, m)),
  },
  mustRegexReplaceAll: {
    params: ['string', 'string', 'string'],
    fn: ([pattern, text, repl]) =>
      replaceAll(pattern as string, text as string, (m) => expandGoTemplate(repl as string, m)),
  },
  regexReplaceAllLiteral: {
    params: ['string', 'string', 'string'],
    fn: ([pattern, text, repl]) => replaceAll(pattern as string, text as string, () => repl as string),
  },
  mustRegexReplaceAllLiteral: {
    params: ['string', 'string', 'string'],
    fn: ([pattern, text, repl]) => replaceAll(pattern as string, text as string, () => repl as string),
  },
  regexSplit: {
    params: ['string', 'string', 'int'],
    fn: ([pattern, text, n]) => regexSplit(pattern as string, text as string, n as number),
  },
  mustRegexSplit: {
    params: ['string', 'string', 'int'],
    fn: ([pattern, text, n]) => regexSplit(pattern as string, text as string, n as number),
  },
  regexQuoteMeta: {
    params: ['string'],
    fn: ([text]) => (text as string).replace(/[\\.+*?()|[\]{}^$]/gu, '\\$&'),
  },
  now: { params: [], fn: (_, context) => context.now() },
  date: {
    params: ['string', 'any'],
    fn: ([layout, value], context) => formatGoLayout(dateOf(value, context), layout as string),
  },
  dateInZone: {
    params: ['string', 'any', 'string'],
    fn: ([layout, value, zone], context) => {
      zoned(zone);
      return formatGoLayout(dateOf(value, context), layout as string);
    },
  },
  htmlDate: {
    params: ['any'],
    fn: ([value], context) => formatGoLayout(dateOf(value, context), '2006-01-02'),
  },
  htmlDateInZone: {
    params: ['any', 'string'],
    fn: ([value, zone], context) => {
      zoned(zone);
      return formatGoLayout(dateOf(value, context), '2006-01-02');
    },
  },
  unixEpoch: {
    params: ['any'],
    fn: ([value]) => {
      if (kindOf(value) !== 'time') throw new OperatorError('sprig.unixEpoch needs a time.Time');
      return String(Math.floor((value as Date).getTime() / 1000));
    },
  },
  ago: {
    params: ['any'],
    fn: ([value], context) => {
      const seconds = Math.round((context.now().getTime() - dateOf(value, context).getTime()) / 1000);
      return formatDuration(seconds * 1e9);
    },
  },
  duration: {
    params: ['any'],
    fn: ([value]) => {
      // Sprig only understands int64 and numeric strings; a Go `int` (every expr-lang integer) counts as 0.
      const seconds = typeof value === 'string' && /^[+-]?\d+$/u.test(value) ? Number(value) : 0;
      return formatDuration(seconds * 1e9);
    },
  },
  dateModify: {
    params: ['string', 'any'],
    fn: ([modifier, value]) => {
      if (kindOf(value) !== 'time') throw new OperatorError('sprig.dateModify needs a time.Time');
      const date = value as Date;
      return lenient(() => new Date(date.getTime() + parseGoDuration(modifier as string) / 1e6), date);
    },
  },
  randAlphaNum: { params: ['int'], fn: ([n], c) => randomString(ALPHA + DIGITS, n as number, c) },
  randAlpha: { params: ['int'], fn: ([n], c) => randomString(ALPHA, n as number, c) },
  randNumeric: { params: ['int'], fn: ([n], c) => randomString(DIGITS, n as number, c) },
  randAscii: { params: ['int'], fn: ([n], c) => randomString(ASCII, n as number, c) },
  shuffle: {
    params: ['string'],
    fn: ([text], context) => {
      const chars = [...(text as string)];
      for (let i = chars.length - 1; i > 0; i--) {
        const j = Math.floor(context.random() * (i + 1));
        [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
      }
      return chars.join('');
    },
  },
  uuidv4: {
    params: [],
    fn: (_, context) => {
      const hex = randomString('0123456789abcdef', 32, context).split('');
      hex[12] = '4';
      hex[16] = '89ab'[Math.floor(context.random() * 4)] ?? '8';
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  },
  fail: {
    params: ['string'],
    fn: ([message]) => {
      throw new OperatorError(message as string);
    },
  },
  base: pathFn(basePath),
  dir: pathFn(dirPath),
  clean: pathFn(cleanPath),
  ext: pathFn(extPath),
  isAbs: pathFn((p) => p.startsWith('/')),
  osBase: pathFn(basePath),
  osDir: pathFn(dirPath),
  osClean: pathFn(cleanPath),
  osExt: pathFn(extPath),
  osIsAbs: pathFn((p) => p.startsWith('/')),
};
