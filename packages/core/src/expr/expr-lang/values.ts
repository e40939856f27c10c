/**
 * The runtime value model. expr-lang runs on Go values, and several results depend on the Go type, not just
 * the number: `/` always yields float64, `%` needs ints, `string(1e6)` prints `1e+06` for a float but
 * `1000000` for an int. So:
 *   - an int is a JS number with an integral value;
 *   - a float is an `ExprFloat` box, or any non-integral JS number (so plain JS data from the environment
 *     works: `1.5` is a float, `2` is an int);
 *   - maps are plain objects, arrays are arrays, `null`/`undefined` are nil;
 *   - `Date` is Go's time.Time and `ExprDuration` its time.Duration;
 *   - `NativeFunction` is a Go function value (builtins, Argo's functions, Sprig).
 * `evaluate` unboxes floats on the way out, since Argo's output (JSON) is the same for 2 and 2.0.
 */

/** A Go float64; boxed so that integral floats such as `2.0` keep their type. */
export class ExprFloat {
  constructor(readonly value: number) {}
}

/** A Go time.Duration, counted in nanoseconds. */
export class ExprDuration {
  constructor(readonly nanos: number) {}
}

/** Clock and randomness a function may use, injectable so evaluation can be deterministic. */
export interface CallContext {
  readonly now: () => Date;
  readonly random: () => number;
}

/** A function value: it receives already-evaluated arguments and returns a value in this model. */
export class NativeFunction {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], context: CallContext) => unknown,
  ) {}
}

/** The Go kind of a value, as expr-lang's runtime distinguishes them. */
export type ValueKind =
  | 'nil'
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'array'
  | 'map'
  | 'time'
  | 'duration'
  | 'func'
  | 'unknown';

/** Classify a value. */
export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (Array.isArray(value)) return 'array';
      if (value instanceof ExprFloat) return 'float';
      if (value instanceof Date) return 'time';
      if (value instanceof ExprDuration) return 'duration';
      if (value instanceof NativeFunction) return 'func';
      return isMap(value) ? 'map' : 'unknown';
    default:
      return 'unknown';
  }
}

/** True for nil (`null` or `undefined`). */
export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** True for a plain object, the representation of a Go map. */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True for an int or a float. */
export function isNumeric(value: unknown): boolean {
  const kind = kindOf(value);
  return kind === 'int' || kind === 'float';
}

/** The number inside an int or float (0 for anything else; callers check the kind first). */
export function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return value instanceof ExprFloat ? value.value : 0;
}

/** A float64 value. */
export function float(value: number): ExprFloat {
  return new ExprFloat(value);
}

const TWO_POW_63 = 2 ** 63;

/** Truncate toward zero as Go's float-to-int conversion does. */
export function truncToInt(value: number): number {
  // Out-of-range conversions are implementation-defined in Go; amd64 yields the minimum int64.
  if (Number.isNaN(value) || Math.abs(value) >= TWO_POW_63) return -TWO_POW_63;
  return Math.trunc(value) + 0;
}

/** Own property lookup on a map, immune to `__proto__` and inherited names. */
export function mapGet(map: Record<string, unknown>, key: string): { found: boolean; value: unknown } {
  return Object.hasOwn(map, key) ? { found: true, value: map[key] } : { found: false, value: undefined };
}

/** Set a map entry without triggering the `__proto__` setter. */
export function mapSet(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Go's type name of a value, for messages (`int`, `float64`, `[]interface {}`…). */
export function goTypeName(value: unknown): string {
  switch (kindOf(value)) {
    case 'nil':
      return '<nil>';
    case 'float':
      return 'float64';
    case 'array':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'time':
      return 'time.Time';
    case 'duration':
      return 'time.Duration';
    case 'func':
      return 'func';
    case 'unknown':
      return 'unknown';
    default:
      return kindOf(value);
  }
}

/** Replace float boxes by plain numbers, deeply, copying only what changes. */
export function unbox(value: unknown): unknown {
  if (value instanceof ExprFloat) return value.value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = unbox(value[i]);
      if (item !== value[i]) copy ??= value.slice();
      if (copy !== undefined) copy[i] = item;
    }
    return copy ?? value;
  }
  if (isMap(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const converted = unbox(item);
      if (converted !== item) copy ??= { ...value };
      if (copy !== undefined) mapSet(copy, key, converted);
    }
    return copy ?? value;
  }
  return value;
}
