import { formatValue } from '../expr-lang/go-format';
import { parseDecimalInt, parseGoIntLiteral } from '../expr-lang/go-strings';
import { OperatorError } from '../expr-lang/operators';
import { float } from '../expr-lang/values';
import { castFloat, castInt } from './cast';
import { decimalFromFloat, decimalOp, decimalToFloat } from './decimal';
import type { SprigSpec } from './signature';

/** Go int64 arithmetic with wrap-around past 64 bits. */
function int64(op: '+' | '-' | '*', a: number, b: number): number {
  const fast = op === '+' ? a + b : op === '-' ? a - b : a * b;
  if (Number.isSafeInteger(fast)) return fast + 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return Number(BigInt.asIntN(64, op === '+' ? x + y : op === '-' ? x - y : x * y));
}

function integerDivision(op: '/' | '%', a: number, b: number): number {
  if (b === 0) throw new OperatorError('runtime error: integer divide by zero');
  return (op === '/' ? Math.trunc(a / b) : a % b) + 0;
}

function decimalFold(op: '+' | '-' | '*' | '/', first: unknown, rest: unknown[]): unknown {
  let acc = decimalFromFloat(castFloat(first));
  for (const value of rest) acc = decimalOp(op, acc, decimalFromFloat(castFloat(value)));
  return float(decimalToFloat(acc));
}

/** Sprig's `round(value, places, roundOn = .5)`. */
function round(value: number, places: number, roundOn: number): number {
  const pow = 10 ** places;
  const digit = pow * value;
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** Sprig's integer and float arithmetic; integer functions convert with cast and never fail on junk. */
export const MATH_FUNCTIONS: Record<string, SprigSpec> = {
  atoi: { params: ['string'], fn: ([text]) => parseDecimalInt(text as string) ?? 0 },
  int: { params: ['any'], fn: ([value]) => castInt(value) },
  int64: { params: ['any'], fn: ([value]) => castInt(value) },
  float64: { params: ['any'], fn: ([value]) => float(castFloat(value)) },
  toDecimal: {
    params: ['any'],
    fn: ([value]) => {
      const text = formatValue(value);
      return /^[+-]?[0-7]+$/u.test(text)
        ? (parseGoIntLiteral(`0o${text.replace(/^[+-]/u, '')}`) ?? 0) * (text.startsWith('-') ? -1 : 1)
        : 0;
    },
  },
  add1: { params: ['any'], fn: ([value]) => int64('+', castInt(value), 1) },
  add: {
    params: [],
    variadic: 'any',
    fn: (values) => values.reduce<number>((acc, v) => int64('+', acc, castInt(v)), 0),
  },
  sub: { params: ['any', 'any'], fn: ([a, b]) => int64('-', castInt(a), castInt(b)) },
  mul: {
    params: ['any'],
    variadic: 'any',
    fn: ([first, ...rest]) => rest.reduce<number>((acc, v) => int64('*', acc, castInt(v)), castInt(first)),
  },
  div: { params: ['any', 'any'], fn: ([a, b]) => integerDivision('/', castInt(a), castInt(b)) },
  mod: { params: ['any', 'any'], fn: ([a, b]) => integerDivision('%', castInt(a), castInt(b)) },
  max: { params: ['any'], variadic: 'any', fn: (values) => Math.max(...values.map(castInt)) },
  biggest: { params: ['any'], variadic: 'any', fn: (values) => Math.max(...values.map(castInt)) },
  min: { params: ['any'], variadic: 'any', fn: (values) => Math.min(...values.map(castInt)) },
  maxf: { params: ['any'], variadic: 'any', fn: (values) => float(Math.max(...values.map(castFloat))) },
  minf: { params: ['any'], variadic: 'any', fn: (values) => float(Math.min(...values.map(castFloat))) },
  add1f: { params: ['any'], fn: ([value]) => decimalFold('+', value, [1]) },
  addf: { params: [], variadic: 'any', fn: (values) => decimalFold('+', 0, values) },
  subf: { params: ['any'], variadic: 'any', fn: ([first, ...rest]) => decimalFold('-', first, rest) },
  mulf: { params: ['any'], variadic: 'any', fn: ([first, ...rest]) => decimalFold('*', first, rest) },
  divf: { params: ['any'], variadic: 'any', fn: ([first, ...rest]) => decimalFold('/', first, rest) },
  ceil: { params: ['any'], fn: ([value]) => float(Math.ceil(castFloat(value))) },
  floor: { params: ['any'], fn: ([value]) => float(Math.floor(castFloat(value))) },
  round: {
    params: ['any', 'int'],
    variadic: 'float64',
    fn: ([value, places, ...roundOn]) =>
      float(round(castFloat(value), places as number, roundOn.length > 0 ? castFloat(roundOn[0]) : 0.5)),
  },
  randInt: {
    params: ['int', 'int'],
    fn: ([min, max], context) => {
      const lo = min as number;
      const span = (max as number) - lo;
      if (span <= 0) throw new OperatorError('invalid argument to Intn');
      return lo + Math.floor(context.random() * span);
    },
  },
};
