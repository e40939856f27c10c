import { compileGoRegex, GoRegexError } from './regex';
import {
  ExprDuration,
  float,
  goTypeName,
  isMap,
  isNil,
  kindOf,
  mapGet,
  numberOf,
  truncToInt,
} from './values';

/** A runtime failure inside an operator; the evaluator attaches the source location. */
export class OperatorError extends Error {}

/** Largest number of elements a single range or repeat may create, like expr-lang's memory budget. */
export const MEMORY_BUDGET = 1_000_000;

function invalid(a: unknown, op: string, b: unknown): OperatorError {
  return new OperatorError(`invalid operation: ${goTypeName(a)} ${op} ${goTypeName(b)}`);
}

/** Compare strings by UTF-8 bytes, as Go does. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** expr-lang's `==`: numbers across int/float, arrays element-wise, other values by Go's DeepEqual. */
export function equal(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if ((ka === 'int' || ka === 'float') && (kb === 'int' || kb === 'float'))
    return numberOf(a) === numberOf(b);
  if (ka !== kb) return false;
  switch (ka) {
    case 'nil':
      return true;
    case 'time':
      return (a as Date).getTime() === (b as Date).getTime();
    case 'duration':
      return (a as ExprDuration).nanos === (b as ExprDuration).nanos;
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((item, i) => equal(item, y[i]));
    }
    case 'map':
      return deepEqual(a, b);
    default:
      return a === b;
  }
}

/** Go's reflect.DeepEqual on this value model: kinds must match exactly, so `1` and `1.0` differ. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  switch (ka) {
    case 'nil':
      return true;
    case 'int':
    case 'float':
      return numberOf(a) === numberOf(b);
    case 'time':
    case 'duration':
      return equal(a, b);
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((item, i) => deepEqual(item, y[i]));
    }
    case 'map': {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      return keys.every((k) => {
        const other = mapGet(y, k);
        return other.found && deepEqual(x[k], other.value);
      });
    }
    case 'func':
      return false;
    default:
      return a === b;
  }
}

/** expr-lang's ordering operators on numbers, strings, times and durations. */
export function compare(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  let diff: number;
  if ((ka === 'int' || ka === 'float') && (kb === 'int' || kb === 'float')) {
    const x = numberOf(a);
    const y = numberOf(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    diff = x - y;
  } else if (ka === 'string' && kb === 'string') diff = compareStrings(a as string, b as string);
  else if (ka === 'time' && kb === 'time') diff = (a as Date).getTime() - (b as Date).getTime();
  else if (ka === 'duration' && kb === 'duration')
    diff = (a as ExprDuration).nanos - (b as ExprDuration).nanos;
  else throw invalid(a, op, b);
  switch (op) {
    case '<':
      return diff < 0;
    case '>':
      return diff > 0;
    case '<=':
      return diff <= 0;
    default:
      return diff >= 0;
  }
}

/** Go int64 arithmetic: exact while safe, wrapping at 64 bits beyond. */
function intArithmetic(op: '+' | '-' | '*', x: number, y: number): number {
  const fast = op === '+' ? x + y : op === '-' ? x - y : x * y;
  if (Number.isSafeInteger(fast)) return fast + 0;
  const bx = BigInt(x);
  const by = BigInt(y);
  const exact = op === '+' ? bx + by : op === '-' ? bx - by : bx * by;
  return Number(BigInt.asIntN(64, exact));
}

/** `+ - * / % ** ^` with expr-lang's typing rules. */
export function arithmetic(op: string, a: unknown, b: unknown): unknown {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const numeric = (ka === 'int' || ka === 'float') && (kb === 'int' || kb === 'float');
  if (numeric) {
    const x = numberOf(a);
    const y = numberOf(b);
    const ints = ka === 'int' && kb === 'int';
    switch (op) {
      case '+':
      case '-':
      case '*':
        return ints ? intArithmetic(op, x, y) : float(op === '+' ? x + y : op === '-' ? x - y : x * y);
      case '/':
        return float(x / y);
      case '%':
        if (!ints) throw invalid(a, '%', b);
        if (y === 0) throw new OperatorError('runtime error: integer divide by zero');
        return (x % y) + 0;
      case '**':
      case '^':
        return float(x ** y);
      default:
        throw invalid(a, op, b);
    }
  }
  if (op === '+' && ka === 'string' && kb === 'string') return (a as string) + (b as string);
  return timeArithmetic(op, a, b);
}

function timeArithmetic(op: string, a: unknown, b: unknown): unknown {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const nanos = (v: unknown): number => (v as ExprDuration).nanos;
  const shift = (t: Date, d: number): Date => new Date(t.getTime() + d / 1e6);
  if (op === '+') {
    if (ka === 'time' && kb === 'duration') return shift(a as Date, nanos(b));
    if (ka === 'duration' && kb === 'time') return shift(b as Date, nanos(a));
    if (ka === 'duration' && kb === 'duration') return new ExprDuration(nanos(a) + nanos(b));
  } else if (op === '-') {
    if (ka === 'time' && kb === 'time')
      return new ExprDuration(((a as Date).getTime() - (b as Date).getTime()) * 1e6);
    if (ka === 'time' && kb === 'duration') return shift(a as Date, -nanos(b));
    if (ka === 'duration' && kb === 'duration') return new ExprDuration(nanos(a) - nanos(b));
  } else if (op === '*') {
    if (ka === 'duration' && (kb === 'int' || kb === 'duration'))
      return new ExprDuration(nanos(a) * scalar(b));
    if (ka === 'int' && kb === 'duration') return new ExprDuration(numberOf(a) * nanos(b));
  }
  throw invalid(a, op, b);
}

function scalar(v: unknown): number {
  return v instanceof ExprDuration ? v.nanos : numberOf(v);
}

/** Unary `-` and `+`. */
export function negate(op: '-' | '+', value: unknown): unknown {
  const kind = kindOf(value);
  if (kind === 'int') return op === '-' ? -(value as number) + 0 : value;
  if (kind === 'float') return op === '-' ? float(-numberOf(value)) : value;
  throw new OperatorError(`invalid operation: ${op} ${goTypeName(value)}`);
}

/** Go's `int(x)` conversion used by ranges and indexes: numbers only, floats truncated. */
export function toInt(value: unknown, what: string): number {
  const kind = kindOf(value);
  if (kind === 'int') return value as number;
  if (kind === 'float') return truncToInt(numberOf(value));
  throw new OperatorError(`invalid operation: ${what} needs an integer, got ${goTypeName(value)}`);
}

/** `a in b`: element of an array, key of a map; false for nil. */
export function membership(needle: unknown, haystack: unknown): boolean {
  if (isNil(haystack)) return false;
  if (Array.isArray(haystack)) return haystack.some((item) => equal(item, needle));
  if (isMap(haystack)) {
    if (typeof needle !== 'string') {
      throw new OperatorError(`cannot use ${goTypeName(needle)} as a key of map[string]interface {}`);
    }
    return mapGet(haystack, needle).found;
  }
  throw new OperatorError(`operator "in" not defined on ${goTypeName(haystack)}`);
}

/** `a..b`: the inclusive integer range. */
export function range(from: unknown, to: unknown): number[] {
  const min = toInt(from, '..');
  const max = toInt(to, '..');
  const size = max - min + 1;
  if (size <= 0) return [];
  if (size > MEMORY_BUDGET) throw new OperatorError('memory budget exceeded');
  return Array.from({ length: size }, (_, i) => min + i);
}

/** `matches`, `contains`, `startsWith`, `endsWith`: string operators that are false on nil. */
export function stringOperator(op: string, a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return false;
  if (typeof a !== 'string' || typeof b !== 'string') throw invalid(a, op, b);
  switch (op) {
    case 'matches':
      try {
        return compileGoRegex(b).test(a);
      } catch (error) {
        if (error instanceof GoRegexError) throw new OperatorError(error.message);
        throw error;
      }
    case 'contains':
      return a.includes(b);
    case 'startsWith':
      return a.startsWith(b);
    default:
      return a.endsWith(b);
  }
}
