import { formatDuration, formatTime } from './go-format';
import { OperatorError } from './operators';
import { ExprDuration, float, goTypeName, kindOf, NativeFunction, numberOf } from './values';

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Parse a Go duration string (`1h30m`, `-1.5s`, `300ms`) into nanoseconds, as `time.ParseDuration` does. */
export function parseGoDuration(text: string): number {
  const invalid = (): OperatorError => new OperatorError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/u.exec(rest);
    if (match === null) throw invalid();
    const [all, whole = '', fraction = '', unitName = ''] = match;
    if (whole === '' && fraction === '') throw invalid();
    const unit = UNITS[unitName];
    if (unit === undefined)
      throw new OperatorError(`time: unknown unit ${JSON.stringify(unitName)} in duration`);
    total += Number(`${whole || '0'}.${fraction || '0'}`) * unit;
    rest = rest.slice(all.length);
  }
  return sign * Math.round(total);
}

/** Parse the date formats expr-lang's `date()` tries when no layout is given (UTC when no zone). */
export function parseDate(text: string): Date {
  const isoDate = /^\d{4}-\d{2}-\d{2}$/u;
  const dateTime = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/u;
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;
  let parsed: number | undefined;
  if (isoDate.test(text)) parsed = Date.parse(`${text}T00:00:00Z`);
  else if (dateTime.test(text)) parsed = Date.parse(text.replace(dateTime, '$1T$2Z'));
  else if (rfc3339.test(text)) parsed = Date.parse(text);
  if (parsed === undefined || Number.isNaN(parsed)) throw new OperatorError(`invalid date ${text}`);
  return new Date(parsed);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Go's zero time, January 1 of year 1, UTC. */
const ZERO_TIME = new Date(0).setUTCFullYear(1, 0, 1);
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout elements of Go's reference time, longest first so prefixes do not shadow them. */
const LAYOUT_TOKENS: ReadonlyArray<[string, (d: Date) => string]> = [
  ['January', (d) => MONTHS[d.getUTCMonth()] ?? ''],
  ['Monday', (d) => DAYS[d.getUTCDay()] ?? ''],
  ['Z07:00:00', () => 'Z'],
  ['-07:00:00', () => '+00:00:00'],
  ['Z07:00', () => 'Z'],
  ['-07:00', () => '+00:00'],
  ['Z0700', () => 'Z'],
  ['-0700', () => '+0000'],
  ['2006', (d) => String(d.getUTCFullYear()).padStart(4, '0')],
  ['Jan', (d) => (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3)],
  ['Mon', (d) => (DAYS[d.getUTCDay()] ?? '').slice(0, 3)],
  ['MST', () => 'UTC'],
  ['Z07', () => 'Z'],
  ['-07', () => '+00'],
  ['__2', (d) => String(yearDay(d)).padStart(3, ' ')],
  ['002', (d) => String(yearDay(d)).padStart(3, '0')],
  ['01', (d) => pad2(d.getUTCMonth() + 1)],
  ['02', (d) => pad2(d.getUTCDate())],
  ['_2', (d) => String(d.getUTCDate()).padStart(2, ' ')],
  ['06', (d) => pad2(d.getUTCFullYear() % 100)],
  ['15', (d) => pad2(d.getUTCHours())],
  ['03', (d) => pad2(hour12(d))],
  ['04', (d) => pad2(d.getUTCMinutes())],
  ['05', (d) => pad2(d.getUTCSeconds())],
  ['PM', (d) => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
  ['pm', (d) => (d.getUTCHours() >= 12 ? 'pm' : 'am')],
  ['1', (d) => String(d.getUTCMonth() + 1)],
  ['2', (d) => String(d.getUTCDate())],
  ['3', (d) => String(hour12(d))],
  ['4', (d) => String(d.getUTCMinutes())],
  ['5', (d) => String(d.getUTCSeconds())],
];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function hour12(d: Date): number {
  const h = d.getUTCHours() % 12;
  return h === 0 ? 12 : h;
}

function yearDay(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Format a time with a Go layout (`2006-01-02T15:04:05Z07:00`) in UTC, as `time.Time.Format` does. */
export function formatGoLayout(date: Date, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const fraction = /^[.,](0+|9+)(?!\d)/u.exec(layout.slice(i));
    if (fraction !== null) {
      const digits = String(date.getUTCMilliseconds()).padStart(3, '0').padEnd(9, '0');
      const width = (fraction[1] ?? '').length;
      let text = digits.slice(0, Math.min(width, 9));
      if (fraction[1]?.startsWith('9')) text = text.replace(/0+$/u, '');
      out += text === '' ? '' : `${layout[i]}${text}`;
      i += fraction[0].length;
      continue;
    }
    const token = LAYOUT_TOKENS.find(([name]) => layout.startsWith(name, i));
    if (token === undefined) {
      out += layout[i];
      i++;
      continue;
    }
    out += token[1](date);
    i += token[0].length;
  }
  return out;
}

function method(name: string, arity: number, body: (args: unknown[]) => unknown): NativeFunction {
  return new NativeFunction(name, (args) => {
    if (args.length !== arity) {
      throw new OperatorError(
        `invalid number of arguments for ${name} (expected ${arity}, got ${args.length})`,
      );
    }
    return body(args);
  });
}

function asTime(value: unknown, name: string): Date {
  if (kindOf(value) !== 'time')
    throw new OperatorError(`${name} needs a time.Time, got ${goTypeName(value)}`);
  return value as Date;
}

function asDuration(value: unknown, name: string): number {
  if (kindOf(value) === 'duration') return (value as ExprDuration).nanos;
  if (kindOf(value) === 'int') return numberOf(value);
  throw new OperatorError(`${name} needs a time.Duration, got ${goTypeName(value)}`);
}

/** The Go methods of a time.Time value that expressions can call, e.g. `t.Unix()`. */
export function timeMethod(t: Date, name: string): NativeFunction | undefined {
  const ms = t.getTime();
  switch (name) {
    case 'Unix':
      return method(name, 0, () => Math.floor(ms / 1000));
    case 'UnixMilli':
      return method(name, 0, () => ms);
    case 'UnixNano':
      return method(name, 0, () => ms * 1e6);
    case 'Year':
      return method(name, 0, () => t.getUTCFullYear());
    case 'Month':
      return method(name, 0, () => t.getUTCMonth() + 1);
    case 'Day':
      return method(name, 0, () => t.getUTCDate());
    case 'Hour':
      return method(name, 0, () => t.getUTCHours());
    case 'Minute':
      return method(name, 0, () => t.getUTCMinutes());
    case 'Second':
      return method(name, 0, () => t.getUTCSeconds());
    case 'Weekday':
      return method(name, 0, () => t.getUTCDay());
    case 'YearDay':
      return method(name, 0, () => yearDay(t));
    case 'IsZero':
      return method(name, 0, () => ms === ZERO_TIME);
    case 'UTC':
    case 'Local':
      return method(name, 0, () => t);
    case 'String':
      return method(name, 0, () => formatTime(t));
    case 'Format':
      return method(name, 1, ([layout]) => {
        if (typeof layout !== 'string') throw new OperatorError('Format needs a layout string');
        return formatGoLayout(t, layout);
      });
    case 'Add':
      return method(name, 1, ([d]) => new Date(ms + asDuration(d, name) / 1e6));
    case 'Sub':
      return method(name, 1, ([u]) => new ExprDuration((ms - asTime(u, name).getTime()) * 1e6));
    case 'Before':
      return method(name, 1, ([u]) => ms < asTime(u, name).getTime());
    case 'After':
      return method(name, 1, ([u]) => ms > asTime(u, name).getTime());
    case 'Equal':
      return method(name, 1, ([u]) => ms === asTime(u, name).getTime());
    default:
      return undefined;
  }
}

/** The Go methods of a time.Duration value, e.g. `d.Seconds()`. */
export function durationMethod(d: ExprDuration, name: string): NativeFunction | undefined {
  switch (name) {
    case 'Hours':
      return method(name, 0, () => float(d.nanos / 3600e9));
    case 'Minutes':
      return method(name, 0, () => float(d.nanos / 60e9));
    case 'Seconds':
      return method(name, 0, () => float(d.nanos / 1e9));
    case 'Milliseconds':
      return method(name, 0, () => Math.trunc(d.nanos / 1e6));
    case 'Microseconds':
      return method(name, 0, () => Math.trunc(d.nanos / 1e3));
    case 'Nanoseconds':
      return method(name, 0, () => d.nanos);
    case 'Abs':
      return method(name, 0, () => new ExprDuration(Math.abs(d.nanos)));
    case 'String':
      return method(name, 0, () => formatDuration(d.nanos));
    default:
      return undefined;
  }
}
