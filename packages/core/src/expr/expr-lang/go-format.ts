import { type ExprDuration, isMap, kindOf, numberOf } from './values';

/** Thrown by `goJson` for values Go's encoding/json refuses (NaN, functions). */
export class GoJsonError extends Error {}

/** Shortest round-trip digits and decimal exponent of a positive finite number. */
function decimalDigits(abs: number): { digits: string; exp: number } {
  const [mantissa = '0', exponent = '0'] = abs.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exp: Number(exponent) };
}

/** Format a float64 as Go's `%v` (strconv 'g' with shortest precision): `1e+06`, `0.0001`, `1.5`. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const { digits, exp } = decimalDigits(Math.abs(value));
  // With shortest precision Go switches to exponent form at exponent -5 and 6.
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Format a duration as Go's `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(nanos));
  const frac = (value: number, precision: number): string => {
    const scale = 10 ** precision;
    const whole = Math.floor(value / scale);
    const rest = String(value % scale)
      .padStart(precision, '0')
      .replace(/0+$/u, '');
    return rest === '' ? String(whole) : `${whole}.${rest}`;
  };
  if (abs < 1e3) return `${sign}${abs}ns`;
  if (abs < 1e6) return `${sign}${frac(abs, 3)}µs`;
  if (abs < 1e9) return `${sign}${frac(abs, 6)}ms`;
  const totalSeconds = Math.floor(abs / 1e9);
  const seconds = frac((totalSeconds % 60) * 1e9 + (abs % 1e9), 9);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes === 0) return `${sign}${seconds}s`;
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${hours}h${minutes % 60}m${seconds}s`;
}

/** Go's `time.Time.String()` for a UTC instant: `2024-01-02 03:04:05.5 +0000 UTC`. */
export function formatTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'invalid time';
  const iso = date.toISOString();
  const fraction = iso.slice(19, 23).replace(/\.?0+$/u, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC`;
}

/** Go's RFC 3339 rendering with trimmed fractional seconds, as encoding/json writes a time.Time. */
export function formatTimeRfc3339(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 19)}${iso.slice(19, 23).replace(/\.?0+$/u, '')}Z`;
}

/** Format any value as Go's `fmt.Sprintf("%v", v)`. */
export function formatValue(value: unknown): string {
  switch (kindOf(value)) {
    case 'nil':
      return '<nil>';
    case 'float':
      return formatFloat(numberOf(value));
    case 'int':
      return String(value);
    case 'bool':
    case 'string':
      return String(value);
    case 'array':
      return `[${(value as unknown[]).map(formatValue).join(' ')}]`;
    case 'map': {
      const map = value as Record<string, unknown>;
      return `map[${sortedKeys(map)
        .map((k) => `${k}:${formatValue(map[k])}`)
        .join(' ')}]`;
    }
    case 'time':
      return formatTime(value as Date);
    case 'duration':
      return formatDuration((value as ExprDuration).nanos);
    case 'func':
      return '<func>';
    default:
      return String(value);
  }
}

/** Map keys in Go's order: by UTF-8 bytes. */
export function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Quote a string as Go's `strconv.Quote` / `%q` does. */
export function quoteGo(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Encode a string as a JSON string literal the way Go's encoding/json does. */
function jsonString(text: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (escapeHtml && '<>&'.includes(ch))) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** Options of `goJson`: indentation as in `json.MarshalIndent`, HTML escaping as in `json.Marshal`. */
export interface GoJsonOptions {
  readonly indent?: string;
  readonly escapeHtml?: boolean;
}

/** Encode a value as Go's encoding/json does: sorted map keys, HTML-safe escapes, Go float format. */
export function goJson(value: unknown, options: GoJsonOptions = {}): string {
  const indent = options.indent ?? '';
  const escapeHtml = options.escapeHtml ?? true;
  const encode = (v: unknown, prefix: string): string => {
    switch (kindOf(v)) {
      case 'nil':
        return 'null';
      case 'bool':
      case 'int':
        return String(v);
      case 'float': {
        const n = numberOf(v);
        if (!Number.isFinite(n)) throw new GoJsonError(`json: unsupported value: ${formatFloat(n)}`);
        return Object.is(n, -0) ? '-0' : String(n);
      }
      case 'string':
        return jsonString(v as string, escapeHtml);
      case 'time':
        return jsonString(formatTimeRfc3339(v as Date), escapeHtml);
      case 'duration':
        return String((v as ExprDuration).nanos);
      case 'array': {
        const items = v as unknown[];
        if (items.length === 0) return '[]';
        if (indent === '') return `[${items.map((item) => encode(item, prefix)).join(',')}]`;
        const inner = prefix + indent;
        return `[\n${items.map((item) => inner + encode(item, inner)).join(',\n')}\n${prefix}]`;
      }
      case 'map': {
        const map = v as Record<string, unknown>;
        const keys = sortedKeys(map);
        if (keys.length === 0) return '{}';
        const pair = (k: string, p: string): string =>
          `${jsonString(k, escapeHtml)}:${indent === '' ? '' : ' '}${encode(map[k], p)}`;
        if (indent === '') return `{${keys.map((k) => pair(k, prefix)).join(',')}}`;
        const inner = prefix + indent;
        return `{\n${keys.map((k) => inner + pair(k, inner)).join(',\n')}\n${prefix}}`;
      }
      default:
        throw new GoJsonError(`json: unsupported type: ${kindOf(v) === 'func' ? 'func' : typeof v}`);
    }
  };
  return encode(value, '');
}

/** Decode JSON as Go's encoding/json does into interface{}: every number becomes a float64. */
export function parseGoJson(text: string, toFloat: (n: number) => unknown): unknown {
  const convert = (v: unknown): unknown => {
    if (typeof v === 'number') return toFloat(v);
    if (Array.isArray(v)) return v.map(convert);
    if (isMap(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        Object.defineProperty(out, k, {
          value: convert(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  return convert(JSON.parse(text));
}
