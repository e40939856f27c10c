import { arity, type BuiltinFunction, intArg, stringArg } from './builtin-args';
import { formatValue, GoJsonError, goJson, parseGoJson } from './go-format';
import { parseDecimalInt, parseGoFloat } from './go-strings';
import { compare, OperatorError } from './operators';
import { parseDate, parseGoDuration } from './time';
import { ExprDuration, float, goTypeName, kindOf, numberOf, truncToInt } from './values';

function numericArg(name: string, value: unknown): number {
  const kind = kindOf(value);
  if (kind === 'int' || kind === 'float') return numberOf(value);
  throw new OperatorError(`invalid argument for ${name} (type ${goTypeName(value)})`);
}

/** Go's `math.Round`: half away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function rounding(name: string, fn: (x: number) => number): BuiltinFunction {
  return (args) => {
    arity(name, args, 1);
    const value = args[0];
    const x = numericArg(name, value);
    return float(kindOf(value) === 'int' ? x : fn(x));
  };
}

/** expr-lang's `max`/`min`: numbers and (nested) arrays of numbers; a lone non-number is returned as is. */
function extreme(name: string, op: '<' | '>'): BuiltinFunction {
  return (args) => {
    if (args.length === 0) throw new OperatorError(`not enough arguments to call ${name}`);
    let best: unknown;
    const visit = (value: unknown, depth: number): void => {
      if (depth > 10_000) throw new OperatorError('recursion depth exceeded');
      if (Array.isArray(value)) {
        for (const item of value) visit(item, depth + 1);
        return;
      }
      const kind = kindOf(value);
      if (kind !== 'int' && kind !== 'float') {
        throw new OperatorError(`invalid argument for ${name} (type ${goTypeName(value)})`);
      }
      if (best === undefined || compare(op, best, value)) best = value;
    };
    if (
      args.length === 1 &&
      !Array.isArray(args[0]) &&
      kindOf(args[0]) !== 'int' &&
      kindOf(args[0]) !== 'float'
    ) {
      return args[0];
    }
    for (const arg of args) visit(arg, 0);
    return best ?? null;
  };
}

function collectNumbers(name: string, args: unknown[]): number[] {
  const out: number[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 10_000) throw new OperatorError('recursion depth exceeded');
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else out.push(numericArg(name, value));
  };
  for (const arg of args) visit(arg, 0);
  return out;
}

function toJsonBuiltin(name: string, indent: string): BuiltinFunction {
  return (args) => {
    arity(name, args, 1);
    try {
      return goJson(args[0], { indent });
    } catch (error) {
      if (error instanceof GoJsonError) throw new OperatorError(error.message);
      throw error;
    }
  };
}

/** Go `int(x)` as expr-lang's `int` builtin converts: numbers truncate, strings must be decimal integers. */
export function toIntBuiltin(args: unknown[]): number {
  arity('int', args, 1);
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'int') return value as number;
  if (kind === 'float') return truncToInt(numberOf(value));
  if (typeof value === 'string') {
    const parsed = parseDecimalInt(value);
    if (parsed === undefined) throw new OperatorError(`invalid operation: int(${value})`);
    return parsed;
  }
  throw new OperatorError(`invalid operation: int(${goTypeName(value)})`);
}

/** Go `float64(x)` as expr-lang's `float` builtin converts: numbers widen, strings use strconv.ParseFloat. */
export function toFloatBuiltin(args: unknown[]): unknown {
  arity('float', args, 1);
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'int' || kind === 'float') return float(numberOf(value));
  if (typeof value === 'string') {
    const parsed = parseGoFloat(value);
    if (parsed === undefined) throw new OperatorError(`invalid operation: float(${value})`);
    return float(parsed);
  }
  throw new OperatorError(`invalid operation: float(${goTypeName(value)})`);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u;

function bitwise(
  name: string,
  fn: (x: bigint, y: bigint) => bigint,
  shift = false,
): [string, BuiltinFunction] {
  return [
    name,
    (args) => {
      arity(name, args, 2);
      const x = intArg(name, args[0]);
      const y = intArg(name, args[1], 2);
      if (shift && y < 0) throw new OperatorError(`invalid operation: negative shift count ${y} (type int)`);
      return Number(BigInt.asIntN(64, fn(BigInt(x), BigInt(shift ? Math.min(y, 64) : y))));
    },
  ];
}

/** expr-lang's numeric, conversion, encoding, time and bitwise builtins. */
export const NUMBER_BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map<string, BuiltinFunction>([
  [
    'abs',
    (args) => {
      arity('abs', args, 1);
      const x = numericArg('abs', args[0]);
      return kindOf(args[0]) === 'int' ? Math.abs(x) : float(Math.abs(x));
    },
  ],
  ['ceil', rounding('ceil', Math.ceil)],
  ['floor', rounding('floor', Math.floor)],
  ['round', rounding('round', roundHalfAway)],
  ['int', (args) => toIntBuiltin(args)],
  ['float', (args) => toFloatBuiltin(args)],
  [
    'string',
    (args) => {
      arity('string', args, 1);
      return formatValue(args[0]);
    },
  ],
  ['max', extreme('max', '<')],
  ['min', extreme('min', '>')],
  [
    'mean',
    (args) => {
      const values = collectNumbers('mean', args);
      return float(values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
    },
  ],
  [
    'median',
    (args) => {
      const values = collectNumbers('median', args).sort((a, b) => a - b);
      const n = values.length;
      if (n === 0) return float(0);
      const mid = Math.floor(n / 2);
      return float(
        n % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2,
      );
    },
  ],
  ['toJSON', toJsonBuiltin('toJSON', '  ')],
  [
    'fromJSON',
    (args) => {
      arity('fromJSON', args, 1);
      try {
        return parseGoJson(stringArg('fromJSON', args[0]), float);
      } catch (error) {
        if (error instanceof SyntaxError) throw new OperatorError(`fromJSON: ${error.message}`);
        throw error;
      }
    },
  ],
  [
    'toBase64',
    (args) => {
      arity('toBase64', args, 1);
      return Buffer.from(stringArg('toBase64', args[0])).toString('base64');
    },
  ],
  [
    'fromBase64',
    (args) => {
      arity('fromBase64', args, 1);
      const text = stringArg('fromBase64', args[0]);
      if (!BASE64.test(text)) throw new OperatorError('illegal base64 data');
      return Buffer.from(text, 'base64').toString();
    },
  ],
  [
    'now',
    (args, context) => {
      arity('now', args, 0);
      return context.now();
    },
  ],
  [
    'duration',
    (args) => {
      arity('duration', args, 1);
      return new ExprDuration(parseGoDuration(stringArg('duration', args[0])));
    },
  ],
  [
    'date',
    (args) => {
      arity('date', args, 1, 3);
      if (args.length > 1)
        throw new OperatorError('date() with a layout or time zone is not supported by Slipway');
      return parseDate(stringArg('date', args[0]));
    },
  ],
  [
    'timezone',
    () => {
      throw new OperatorError('timezone() is not supported by Slipway');
    },
  ],
  bitwise('bitand', (x, y) => x & y),
  bitwise('bitor', (x, y) => x | y),
  bitwise('bitxor', (x, y) => x ^ y),
  bitwise('bitnand', (x, y) => x & ~y),
  bitwise('bitshl', (x, y) => x << y, true),
  bitwise('bitshr', (x, y) => x >> y, true),
  bitwise('bitushr', (x, y) => BigInt.asUintN(64, x) >> y, true),
  [
    'bitnot',
    (args) => {
      arity('bitnot', args, 1);
      return Number(BigInt.asIntN(64, ~BigInt(intArg('bitnot', args[0]))));
    },
  ],
]);
