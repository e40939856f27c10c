import { createHash } from 'node:crypto';
import { formatValue, quoteGo } from '../expr-lang/go-format';
import {
  isGoSpace,
  replaceGo,
  splitGo,
  titleGo,
  toLowerGo,
  toUpperGo,
  trimCutset,
  trimSpace,
} from '../expr-lang/go-strings';
import { MEMORY_BUDGET, OperatorError } from '../expr-lang/operators';
import { mapSet } from '../expr-lang/values';
import { strslice, strval } from './cast';
import type { SprigSpec } from './signature';

const s1 = (fn: (a: string) => unknown): SprigSpec => ({ params: ['string'], fn: ([a]) => fn(a as string) });
const s2 = (fn: (a: string, b: string) => unknown): SprigSpec => ({
  params: ['string', 'string'],
  fn: ([a, b]) => fn(a as string, b as string),
});

/** Byte-indexed substring, as Go slices strings (the byte range is decoded back to text). */
function byteSlice(text: string, start: number, end?: number): string {
  const bytes = Buffer.from(text);
  if (start < 0 || start > bytes.length || (end !== undefined && (end < start || end > bytes.length))) {
    throw new OperatorError(`runtime error: slice bounds out of range [${start}:${end ?? bytes.length}]`);
  }
  return bytes.subarray(start, end).toString();
}

function repeatGuard(text: string, count: number): void {
  if (count < 0) throw new OperatorError('strings: negative Repeat count');
  if (text.length * count > 10 * MEMORY_BUDGET) throw new OperatorError('memory budget exceeded');
}

function toMap(parts: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [i, part] of parts.entries()) mapSet(out, `_${i}`, part);
  return out;
}

function hash(algorithm: string): SprigSpec {
  return s1((text) => createHash(algorithm).update(text).digest('hex'));
}

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// Declared apart: inside the literal, TypeScript would type a `toString` key from Object.prototype.
const TO_STRING: SprigSpec = { params: ['any'], fn: ([value]) => strval(value) };

/** Sprig's string functions. Argument order follows Sprig (the subject string comes last). */
export const STRING_FUNCTIONS: Record<string, SprigSpec> = {
  trim: s1(trimSpace),
  upper: s1(toUpperGo),
  lower: s1(toLowerGo),
  title: s1(titleGo),
  untitle: s1((text) => {
    const [first = '', ...rest] = [...text];
    return toLowerGo(first) + rest.join('');
  }),
  trimall: s2((cutset, text) => trimCutset(text, cutset)),
  trimAll: s2((cutset, text) => trimCutset(text, cutset)),
  trimSuffix: s2((suffix, text) =>
    suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text,
  ),
  trimPrefix: s2((prefix, text) => (text.startsWith(prefix) ? text.slice(prefix.length) : text)),
  nospace: s1((text) => [...text].filter((ch) => !isGoSpace(ch)).join('')),
  swapcase: s1((text) =>
    [...text].map((ch) => (toUpperGo(ch) === ch ? toLowerGo(ch) : toUpperGo(ch))).join(''),
  ),
  contains: s2((sub, text) => text.includes(sub)),
  hasPrefix: s2((prefix, text) => text.startsWith(prefix)),
  hasSuffix: s2((suffix, text) => text.endsWith(suffix)),
  repeat: {
    params: ['int', 'string'],
    fn: ([count, text]) => {
      repeatGuard(text as string, count as number);
      return (text as string).repeat(count as number);
    },
  },
  substr: {
    params: ['int', 'int', 'string'],
    fn: ([start, end, text]) => {
      const s = start as number;
      const e = end as number;
      const length = Buffer.byteLength(text as string);
      if (s < 0) return byteSlice(text as string, 0, e);
      if (e < 0 || e > length) return byteSlice(text as string, s);
      return byteSlice(text as string, s, e);
    },
  },
  trunc: {
    params: ['int', 'string'],
    fn: ([count, text]) => {
      const c = count as number;
      const length = Buffer.byteLength(text as string);
      if (c < 0 && length + c > 0) return byteSlice(text as string, length + c);
      if (c >= 0 && length > c) return byteSlice(text as string, 0, c);
      return text;
    },
  },
  abbrev: {
    params: ['int', 'string'],
    fn: ([width, text]) => {
      const w = width as number;
      const t = text as string;
      if (w < 4 || t.length <= w) return t;
      return `${t.slice(0, w - 3)}...`;
    },
  },
  initials: s1((text) =>
    text
      .split(/\s+/u)
      .filter((word) => word !== '')
      .map((word) => [...word][0])
      .join(''),
  ),
  plural: {
    params: ['string', 'string', 'int'],
    fn: ([one, many, count]) => (count === 1 ? one : many),
  },
  quote: { params: [], variadic: 'any', fn: (args) => quoteAll(args, (v) => quoteGo(strval(v))) },
  squote: { params: [], variadic: 'any', fn: (args) => quoteAll(args, (v) => `'${formatValue(v)}'`) },
  cat: {
    params: [],
    variadic: 'any',
    fn: (args) =>
      args
        .filter((v) => v !== null && v !== undefined)
        .map(formatValue)
        .join(' '),
  },
  indent: { params: ['int', 'string'], fn: ([spaces, text]) => indent(spaces as number, text as string) },
  nindent: {
    params: ['int', 'string'],
    fn: ([spaces, text]) => `\n${indent(spaces as number, text as string)}`,
  },
  replace: {
    params: ['string', 'string', 'string'],
    fn: ([old, replacement, text]) => replaceGo(text as string, old as string, replacement as string),
  },
  split: s2((sep, text) => toMap(splitGo(text, sep))),
  splitList: s2((sep, text) => splitGo(text, sep)),
  splitn: {
    params: ['string', 'int', 'string'],
    fn: ([sep, n, text]) => toMap(splitGo(text as string, sep as string, n as number)),
  },
  join: { params: ['string', 'any'], fn: ([sep, list]) => strslice(list).join(sep as string) },
  sortAlpha: {
    params: ['any'],
    fn: ([list]) =>
      Array.isArray(list)
        ? strslice(list).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
        : [strval(list)],
  },
  toString: TO_STRING,
  toStrings: { params: ['any'], fn: ([value]) => strslice(value) },
  sha1sum: hash('sha1'),
  sha256sum: hash('sha256'),
  sha512sum: hash('sha512'),
  adler32sum: s1((text) => String(adler32(text))),
  b64enc: s1((text) => Buffer.from(text).toString('base64')),
  b64dec: s1((text) => {
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u.test(text)) {
      // Sprig returns the decoding error's text instead of failing.
      return `illegal base64 data at input byte ${firstBadBase64Byte(text)}`;
    }
    return Buffer.from(text, 'base64').toString();
  }),
  b32enc: s1((text) => base32Encode(Buffer.from(text))),
  b32dec: s1((text) => base32Decode(text)),
};

function quoteAll(args: unknown[], quote: (value: unknown) => string): string {
  return args
    .filter((v) => v !== null && v !== undefined)
    .map(quote)
    .join(' ');
}

function indent(spaces: number, text: string): string {
  if (spaces < 0) throw new OperatorError('strings: negative Repeat count');
  repeatGuard(' ', spaces);
  const pad = ' '.repeat(spaces);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

/** The byte offset Go's base64 decoder reports for malformed input (a close approximation). */
function firstBadBase64Byte(text: string): number {
  const bad = text.search(/[^A-Za-z0-9+/=]/u);
  if (bad >= 0) return Buffer.byteLength(text.slice(0, bad));
  const padding = text.indexOf('=');
  if (padding >= 0 && padding < text.length - 2) return padding;
  return Math.floor(Buffer.byteLength(text) / 4) * 4;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
      value &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(text: string): string {
  if (text.length % 8 !== 0 || !/^[A-Z2-7]*=*$/u.test(text)) {
    return `illegal base32 data at input byte ${Math.max(0, text.search(/[^A-Z2-7=]/u))}`;
  }
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/u, '')) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out).toString();
}
