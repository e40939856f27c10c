/** Go's unicode.IsSpace set, which differs from JS `\s` (no U+FEFF). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]$/u;

/** True for a character Go's unicode.IsSpace accepts. */
export function isGoSpace(ch: string): boolean {
  return GO_SPACE.test(ch);
}

/** `strings.TrimSpace`. */
export function trimSpace(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start] as string)) start++;
  while (end > start && isGoSpace(chars[end - 1] as string)) end--;
  return chars.slice(start, end).join('');
}

/** `strings.Trim(s, cutset)`: strip any of the cutset's characters from both ends. */
export function trimCutset(text: string, cutset: string, left = true, right = true): string {
  const set = new Set(cutset);
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (left && start < end && set.has(chars[start] as string)) start++;
  while (right && end > start && set.has(chars[end - 1] as string)) end--;
  return chars.slice(start, end).join('');
}

/** `strings.SplitN` (`n < 0` for all parts) or `strings.SplitAfterN` when `after`. */
export function splitGo(text: string, sep: string, n = -1, after = false): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...text];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts: string[] = [];
  let rest = text;
  while (n < 0 || parts.length < n - 1) {
    const at = rest.indexOf(sep);
    if (at < 0) break;
    parts.push(rest.slice(0, at + (after ? sep.length : 0)));
    rest = rest.slice(at + sep.length);
  }
  parts.push(rest);
  return parts;
}

/** `strings.Replace(s, old, new, n)`; `n < 0` replaces every occurrence. */
export function replaceGo(text: string, old: string, replacement: string, n = -1): string {
  if (n === 0 || (old === replacement && old !== '')) return text;
  if (old === '') {
    const chars = [...text];
    let out = '';
    let count = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || count < n) {
        out += replacement;
        count++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  let out = '';
  let rest = text;
  let count = 0;
  while (n < 0 || count < n) {
    const at = rest.indexOf(old);
    if (at < 0) break;
    out += rest.slice(0, at) + replacement;
    rest = rest.slice(at + old.length);
    count++;
  }
  return out + rest;
}

/** `strings.ToUpper`: rune by rune, so characters whose upper case is longer (ß) stay as they are. */
export function toUpperGo(text: string): string {
  return mapRunes(text, (ch) => ch.toUpperCase());
}

/** `strings.ToLower`, rune by rune. */
export function toLowerGo(text: string): string {
  return mapRunes(text, (ch) => ch.toLowerCase());
}

function mapRunes(text: string, fn: (ch: string) => string): string {
  let out = '';
  for (const ch of text) {
    const mapped = fn(ch);
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

/** `strings.Title`: upper-case the first letter of every word; words are separated as Go separates them. */
export function titleGo(text: string): string {
  let out = '';
  let previous = ' ';
  for (const ch of text) {
    out += isTitleSeparator(previous) ? toUpperGo(ch) : ch;
    previous = ch;
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  if (/^[A-Za-z0-9_]$/u.test(ch)) return false;
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return isGoSpace(ch);
}

/** Byte offset (UTF-8) of a JS string index, for functions that return Go byte positions. */
export function byteOffset(text: string, index: number): number {
  return index < 0 ? index : Buffer.byteLength(text.slice(0, index));
}

/** `strconv.Atoi`: optional sign and decimal digits within int64, or `undefined`. */
export function parseDecimalInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/u.test(text)) return undefined;
  const big = BigInt(text);
  if (big > 9223372036854775807n || big < -9223372036854775808n) return undefined;
  return Number(big);
}

/** `strconv.ParseInt(s, 0, 64)`: Go literal syntax with 0x/0o/0b/0 prefixes and underscores. */
export function parseGoIntLiteral(text: string): number | undefined {
  let body = text;
  const negative = body.startsWith('-');
  if (negative || body.startsWith('+')) body = body.slice(1);
  if (!underscoresOk(body)) return undefined;
  body = body.replaceAll('_', '');
  const prefix = body.slice(0, 2).toLowerCase();
  let radix = 10;
  let digits = body;
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
    radix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : 2;
    digits = body.slice(2);
  } else if (body.length > 1 && body.startsWith('0')) {
    radix = 8;
    digits = body.slice(1);
  }
  const valid =
    radix === 16 ? /^[0-9a-f]+$/iu : radix === 8 ? /^[0-7]+$/u : radix === 2 ? /^[01]+$/u : /^\d+$/u;
  if (!valid.test(digits)) return undefined;
  let value = 0n;
  for (const ch of digits) value = value * BigInt(radix) + BigInt(Number.parseInt(ch, radix));
  if (negative) value = -value;
  if (value > 9223372036854775807n || value < -9223372036854775808n) return undefined;
  return Number(value);
}

/** Go's rule for `_` in literals: only between digits, or right after a base prefix. */
function underscoresOk(text: string): boolean {
  let saw = '^';
  let i = 0;
  const hex = /^0x/iu.test(text);
  if (/^0[box]/iu.test(text)) {
    i = 2;
    saw = '0';
  }
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if ((ch >= '0' && ch <= '9') || (hex && /[a-f]/iu.test(ch))) saw = '0';
    else if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** `strconv.ParseFloat(s, 64)` for decimal input and the Inf/NaN words, or `undefined`. */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/iu.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/iu.test(text)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/u.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
