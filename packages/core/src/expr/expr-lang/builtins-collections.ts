import { arity, arrayArg, type BuiltinFunction, intArg, mapArg } from './builtin-args';
import { formatValue, sortedKeys } from './go-format';
import { compare, equal, OperatorError, toInt } from './operators';
import { goTypeName, isMap, isNil, kindOf, mapGet, mapSet } from './values';

/** Index into an array or a string's UTF-8 bytes with Go's negative-index rule; `undefined` when out of range. */
export function indexValue(value: unknown[] | string, index: number): { found: boolean; value: unknown } {
  const length = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  const i = index < 0 ? length + index : index;
  if (i < 0 || i >= length) return { found: false, value: undefined };
  return { found: true, value: typeof value === 'string' ? Buffer.from(value)[i] : value[i] };
}

/** Sort a copy of `items` with expr-lang's ordering; mixed kinds fail as Go's `Less` does. */
export function sortValues(items: unknown[], descending: boolean, keys: unknown[] = items): unknown[] {
  const order = items.map((_, i) => i);
  order.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    if (compare('<', a, b)) return descending ? 1 : -1;
    if (compare('<', b, a)) return descending ? -1 : 1;
    return 0;
  });
  return order.map((i) => items[i]);
}

/** The `asc`/`desc` argument of `sort` and `sortBy`. */
export function sortOrder(value: unknown): boolean {
  if (typeof value !== 'string') {
    throw new OperatorError(`sort order argument must be a string (got ${goTypeName(value)})`);
  }
  if (value !== 'asc' && value !== 'desc')
    throw new OperatorError(`invalid order ${value}, expected asc or desc`);
  return value === 'desc';
}

/** A map key for a value that is not a string (Slipway maps have string keys only). */
export function keyOf(value: unknown): string {
  return typeof value === 'string' ? value : formatValue(value);
}

function flattenInto(items: unknown[], out: unknown[], depth: number): void {
  if (depth > 10_000) throw new OperatorError('recursion depth exceeded');
  for (const item of items) {
    if (Array.isArray(item)) flattenInto(item, out, depth + 1);
    else out.push(item);
  }
}

/** expr-lang's builtins on arrays and maps (the closure-taking ones live in the evaluator). */
export const COLLECTION_BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map<string, BuiltinFunction>([
  [
    'len',
    (args) => {
      arity('len', args, 1);
      const value = args[0];
      if (typeof value === 'string') return [...value].length;
      if (Array.isArray(value)) return value.length;
      if (isMap(value)) return Object.keys(value).length;
      throw new OperatorError(`invalid argument for len (type ${goTypeName(value)})`);
    },
  ],
  ['first', (args) => firstOrLast('first', args, 0)],
  ['last', (args) => firstOrLast('last', args, -1)],
  [
    'get',
    (args) => {
      arity('get', args, 2);
      const [from, key] = args;
      if (isNil(from)) return null;
      if (Array.isArray(from) || typeof from === 'string') {
        const hit = indexValue(from, toInt(key, 'get'));
        return hit.found ? hit.value : null;
      }
      if (isMap(from)) {
        if (typeof key !== 'string') throw new OperatorError(`cannot use ${goTypeName(key)} as a map key`);
        return mapGet(from, key).value ?? null;
      }
      throw new OperatorError(`cannot fetch ${formatValue(key)} from ${goTypeName(from)}`);
    },
  ],
  [
    'take',
    (args) => {
      arity('take', args, 2);
      const items = arrayArg('take', args[0]);
      const n = intArg('take', args[1], 2);
      if (n < 0) throw new OperatorError(`cannot take ${n} elements`);
      return items.slice(0, n);
    },
  ],
  [
    'keys',
    (args) => {
      arity('keys', args, 1);
      return sortedKeys(mapArg('keys', args[0]));
    },
  ],
  [
    'values',
    (args) => {
      arity('values', args, 1);
      const map = mapArg('values', args[0]);
      return sortedKeys(map).map((k) => map[k]);
    },
  ],
  [
    'toPairs',
    (args) => {
      arity('toPairs', args, 1);
      const map = mapArg('toPairs', args[0]);
      return sortedKeys(map).map((k) => [k, map[k]]);
    },
  ],
  [
    'fromPairs',
    (args) => {
      arity('fromPairs', args, 1);
      const out: Record<string, unknown> = {};
      for (const pair of arrayArg('fromPairs', args[0])) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new OperatorError(`invalid pair ${formatValue(pair)}`);
        }
        mapSet(out, keyOf(pair[0]), pair[1]);
      }
      return out;
    },
  ],
  [
    'reverse',
    (args) => {
      arity('reverse', args, 1);
      return [...arrayArg('reverse', args[0])].reverse();
    },
  ],
  [
    'uniq',
    (args) => {
      arity('uniq', args, 1);
      const out: unknown[] = [];
      for (const item of arrayArg('uniq', args[0])) {
        if (!out.some((seen) => equal(item, seen))) out.push(item);
      }
      return out;
    },
  ],
  [
    'concat',
    (args) => {
      arity('concat', args, 1, Number.POSITIVE_INFINITY);
      return args.flatMap((arg, i) => arrayArg('concat', arg, i + 1));
    },
  ],
  [
    'flatten',
    (args) => {
      arity('flatten', args, 1);
      const out: unknown[] = [];
      flattenInto(arrayArg('flatten', args[0]), out, 0);
      return out;
    },
  ],
  [
    'sort',
    (args) => {
      arity('sort', args, 1, 2);
      const items = arrayArg('sort', args[0]);
      return sortValues(items, args.length === 2 ? sortOrder(args[1]) : false);
    },
  ],
  [
    'type',
    (args) => {
      arity('type', args, 1);
      const kind = kindOf(args[0]);
      if (kind === 'time') return 'time.Time';
      if (kind === 'duration') return 'time.Duration';
      return kind;
    },
  ],
]);

function firstOrLast(name: string, args: unknown[], index: number): unknown {
  arity(name, args, 1);
  const value = args[0];
  // Go recovers from the failed fetch and returns nil for anything that cannot be indexed.
  if (!Array.isArray(value) && typeof value !== 'string') return null;
  const hit = indexValue(value, index);
  return hit.found ? hit.value : null;
}
