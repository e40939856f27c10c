import { OperatorError } from './operators';
import { type CallContext, goTypeName, isMap, kindOf } from './values';

/** A builtin implementation: evaluated arguments in, value out; failures throw `OperatorError`. */
export type BuiltinFunction = (args: unknown[], context: CallContext) => unknown;

/** Fail unless `args` has between `min` and `max` entries. */
export function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length >= min && args.length <= max) return;
  const expected =
    min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} or ${max}`;
  throw new OperatorError(
    `invalid number of arguments for ${name} (expected ${expected}, got ${args.length})`,
  );
}

/** The argument as a string, or a Go-style conversion failure. */
export function stringArg(name: string, value: unknown, position = 1): string {
  if (typeof value === 'string') return value;
  throw new OperatorError(`${name}: argument ${position} must be a string, got ${goTypeName(value)}`);
}

/** The argument as an int (floats are not converted, as Go's type assertion would not). */
export function intArg(name: string, value: unknown, position = 1): number {
  if (kindOf(value) === 'int') return value as number;
  throw new OperatorError(`${name}: argument ${position} must be an int, got ${goTypeName(value)}`);
}

/** The argument as an array. */
export function arrayArg(name: string, value: unknown, position = 1): unknown[] {
  if (Array.isArray(value)) return value;
  throw new OperatorError(`${name}: argument ${position} must be an array, got ${goTypeName(value)}`);
}

/** The argument as a map. */
export function mapArg(name: string, value: unknown, position = 1): Record<string, unknown> {
  if (isMap(value)) return value;
  throw new OperatorError(`${name}: argument ${position} must be a map, got ${goTypeName(value)}`);
}
