import { GoJsonError, goJson, parseGoJson } from '../expr-lang/go-format';
import { deepEqual, OperatorError } from '../expr-lang/operators';
import { ExprFloat, float, goTypeName, isMap, kindOf, mapGet, mapSet } from '../expr-lang/values';
import { castInt, isEmpty, strval } from './cast';
import type { SprigSpec } from './signature';

/** Sprig's list functions take `interface{}` and fail on anything that is not a list. */
function list(name: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) {
    throw new OperatorError(
      `sprig.${name}: runtime error: invalid memory address or nil pointer dereference`,
    );
  }
  throw new OperatorError(`Cannot find ${name} on type ${reflectKind(value)}`);
}

/** Go's reflect.Kind name of a value, as `kindOf` reports it. */
export function reflectKind(value: unknown): string {
  switch (kindOf(value)) {
    case 'nil':
      return 'invalid';
    case 'float':
      return 'float64';
    case 'array':
      return 'slice';
    case 'time':
      return 'struct';
    case 'duration':
      return 'int64';
    default:
      return kindOf(value);
  }
}

function copyMap(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) mapSet(out, key, value);
  return out;
}

function deepCopy(value: unknown, depth = 0): unknown {
  if (depth > 10_000) throw new OperatorError('value is nested too deeply');
  if (Array.isArray(value)) return value.map((item) => deepCopy(item, depth + 1));
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) mapSet(out, key, deepCopy(item, depth + 1));
    return out;
  }
  if (value instanceof ExprFloat) return float(value.value);
  return value;
}

/** mergo's merge: fill keys missing (or empty) in `dst` from `src`, recursing into nested maps. */
function merge(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  overwrite: boolean,
  depth = 0,
): void {
  if (depth > 1000) throw new OperatorError('value is nested too deeply');
  for (const [key, value] of Object.entries(src)) {
    const existing = mapGet(dst, key);
    if (existing.found && isMap(existing.value) && isMap(value)) {
      const nested = copyMap(existing.value);
      merge(nested, value, overwrite, depth + 1);
      mapSet(dst, key, nested);
    } else if (!existing.found || isEmpty(existing.value) || (overwrite && !isEmpty(value))) {
      mapSet(dst, key, value);
    }
  }
}

function jsonOf(value: unknown, indent: string, escapeHtml: boolean): string {
  return goJson(value, { indent, escapeHtml });
}

function swallow(fn: () => string): string {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GoJsonError) return '';
    throw error;
  }
}

function must(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GoJsonError || error instanceof SyntaxError) throw new OperatorError(error.message);
    throw error;
  }
}

function goSlice(items: unknown[], start: number, end: number): unknown[] {
  if (start < 0 || end < start || end > items.length) {
    throw new OperatorError(`runtime error: slice bounds out of range [${start}:${end}]`);
  }
  return items.slice(start, end);
}

function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (stop < start ? step >= 0 : step <= 0) return out;
  if (Math.abs((stop - start) / step) > 1_000_000) throw new OperatorError('memory budget exceeded');
  if (stop < start) for (let i = start; i > stop; i += step) out.push(i);
  else for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

function seq(params: number[]): string {
  const [a = 0, b = 0, c = 0] = params;
  let values: number[];
  switch (params.length) {
    case 1:
      values = a < 1 ? untilStep(1, a - 1, -1) : untilStep(1, a + 1, 1);
      break;
    case 2:
      values = b < a ? untilStep(a, b - 1, -1) : untilStep(a, b + 1, 1);
      break;
    case 3:
      if (c < a) {
        if (b > 0) return '';
        values = untilStep(a, c - 1, b);
      } else {
        values = untilStep(a, c + 1, b);
      }
      break;
    default:
      return '';
  }
  return values.join(' ');
}

const listFn = (name: string, fn: (items: unknown[]) => unknown): SprigSpec => ({
  params: ['any'],
  fn: ([value]) => fn(list(name, value)),
});

/** Sprig's list, dict, default and JSON functions. */
export const COLLECTION_FUNCTIONS: Record<string, SprigSpec> = {
  list: { params: [], variadic: 'any', fn: (args) => [...args] },
  tuple: { params: [], variadic: 'any', fn: (args) => [...args] },
  first: listFn('first', (items) => items[0] ?? null),
  mustFirst: listFn('first', (items) => items[0] ?? null),
  last: listFn('last', (items) => items.at(-1) ?? null),
  mustLast: listFn('last', (items) => items.at(-1) ?? null),
  rest: listFn('rest', (items) => (items.length === 0 ? null : items.slice(1))),
  mustRest: listFn('rest', (items) => (items.length === 0 ? null : items.slice(1))),
  initial: listFn('initial', (items) => (items.length === 0 ? null : items.slice(0, -1))),
  mustInitial: listFn('initial', (items) => (items.length === 0 ? null : items.slice(0, -1))),
  reverse: listFn('reverse', (items) => [...items].reverse()),
  mustReverse: listFn('reverse', (items) => [...items].reverse()),
  uniq: listFn('uniq', uniq),
  mustUniq: listFn('uniq', uniq),
  compact: listFn('compact', (items) => items.filter((item) => !isEmpty(item))),
  mustCompact: listFn('compact', (items) => items.filter((item) => !isEmpty(item))),
  without: {
    params: ['any'],
    variadic: 'any',
    fn: ([value, ...omit]) => list('without', value).filter((item) => !omit.some((o) => deepEqual(item, o))),
  },
  has: {
    params: ['any', 'any'],
    fn: ([needle, haystack]) =>
      haystack === null || haystack === undefined
        ? false
        : list('has', haystack).some((item) => deepEqual(needle, item)),
  },
  append: { params: ['any', 'any'], fn: ([value, item]) => [...list('push', value), item] },
  push: { params: ['any', 'any'], fn: ([value, item]) => [...list('push', value), item] },
  prepend: { params: ['any', 'any'], fn: ([value, item]) => [item, ...list('prepend', value)] },
  concat: {
    params: [],
    variadic: 'any',
    fn: (lists) => (lists.length === 0 ? null : lists.flatMap((value) => list('concat', value))),
  },
  slice: {
    params: ['any'],
    variadic: 'any',
    fn: ([value, ...indices]) => {
      const items = list('slice', value);
      if (items.length === 0) return null;
      const start = indices.length > 0 ? castInt(indices[0]) : 0;
      const end = indices.length > 1 ? castInt(indices[1]) : items.length;
      return goSlice(items, start, end);
    },
  },
  chunk: {
    params: ['int', 'any'],
    fn: ([size, value]) => {
      const items = list('chunk', value);
      const n = size as number;
      if (n <= 0) throw new OperatorError('runtime error: integer divide by zero');
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
      return out;
    },
  },
  until: {
    params: ['int'],
    fn: ([count]) => untilStep(0, count as number, (count as number) < 0 ? -1 : 1),
  },
  untilStep: {
    params: ['int', 'int', 'int'],
    fn: ([start, stop, step]) => untilStep(start as number, stop as number, step as number),
  },
  seq: { params: [], variadic: 'int', fn: (params) => seq(params as number[]) },
  dict: {
    params: [],
    variadic: 'any',
    fn: (args) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < args.length; i += 2)
        mapSet(out, strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
      return out;
    },
  },
  get: { params: ['map', 'string'], fn: ([map, key]) => lookup(map, key, '') },
  set: {
    params: ['map', 'string', 'any'],
    fn: ([map, key, value]) => {
      const out = copyMap(map as Record<string, unknown>);
      mapSet(out, key as string, value);
      return out;
    },
  },
  unset: {
    params: ['map', 'string'],
    fn: ([map, key]) => {
      const out = copyMap(map as Record<string, unknown>);
      delete out[key as string];
      return out;
    },
  },
  hasKey: {
    params: ['map', 'string'],
    fn: ([map, key]) => mapGet(map as Record<string, unknown>, key as string).found,
  },
  pluck: {
    params: ['string'],
    variadic: 'map',
    fn: ([key, ...maps]) =>
      maps.flatMap((map) => {
        const hit = mapGet(map as Record<string, unknown>, key as string);
        return hit.found ? [hit.value] : [];
      }),
  },
  keys: { params: [], variadic: 'map', fn: (maps) => maps.flatMap((map) => Object.keys(map as object)) },
  values: { params: ['map'], fn: ([map]) => Object.values(map as object) },
  pick: {
    params: ['map'],
    variadic: 'string',
    fn: ([map, ...keys]) => {
      const out: Record<string, unknown> = {};
      for (const key of keys as string[]) {
        const hit = mapGet(map as Record<string, unknown>, key);
        if (hit.found) mapSet(out, key, hit.value);
      }
      return out;
    },
  },
  omit: {
    params: ['map'],
    variadic: 'string',
    fn: ([map, ...keys]) => {
      const out = copyMap(map as Record<string, unknown>);
      for (const key of keys as string[]) delete out[key];
      return out;
    },
  },
  merge: mergeSpec(false),
  mustMerge: mergeSpec(false),
  mergeOverwrite: mergeSpec(true),
  mustMergeOverwrite: mergeSpec(true),
  dig: {
    params: [],
    variadic: 'any',
    fn: (args) => {
      if (args.length < 3)
        throw new OperatorError(`sprig.dig needs at least 3 arguments, got ${args.length}`);
      const dict = args.at(-1);
      const fallback = args.at(-2);
      if (!isMap(dict))
        throw new OperatorError(`sprig.dig: the last argument must be a map, got ${goTypeName(dict)}`);
      let current: unknown = dict;
      for (const key of args.slice(0, -2)) {
        if (typeof key !== 'string') throw new OperatorError('sprig.dig: keys must be strings');
        if (!isMap(current)) return fallback;
        const hit = mapGet(current, key);
        if (!hit.found) return fallback;
        current = hit.value;
      }
      return current;
    },
  },
  deepCopy: { params: ['any'], fn: ([value]) => deepCopy(value) },
  mustDeepCopy: { params: ['any'], fn: ([value]) => deepCopy(value) },
  default: {
    params: ['any'],
    variadic: 'any',
    fn: ([fallback, ...given]) => (given.length === 0 || isEmpty(given[0]) ? fallback : given[0]),
  },
  empty: { params: ['any'], fn: ([value]) => isEmpty(value) },
  coalesce: { params: [], variadic: 'any', fn: (values) => values.find((v) => !isEmpty(v)) ?? null },
  all: { params: [], variadic: 'any', fn: (values) => values.every((v) => !isEmpty(v)) },
  any: { params: [], variadic: 'any', fn: (values) => values.some((v) => !isEmpty(v)) },
  ternary: {
    params: ['any', 'any', 'bool'],
    fn: ([whenTrue, whenFalse, test]) => (test ? whenTrue : whenFalse),
  },
  fromJson: {
    params: ['string'],
    fn: ([text]) => {
      try {
        return parseGoJson(text as string, float);
      } catch {
        return null;
      }
    },
  },
  mustFromJson: { params: ['string'], fn: ([text]) => must(() => parseGoJson(text as string, float)) },
  toJson: { params: ['any'], fn: ([value]) => swallow(() => jsonOf(value, '', true)) },
  mustToJson: { params: ['any'], fn: ([value]) => must(() => jsonOf(value, '', true)) },
  toPrettyJson: { params: ['any'], fn: ([value]) => swallow(() => jsonOf(value, '  ', true)) },
  mustToPrettyJson: { params: ['any'], fn: ([value]) => must(() => jsonOf(value, '  ', true)) },
  toRawJson: { params: ['any'], fn: ([value]) => must(() => jsonOf(value, '', false)) },
  mustToRawJson: { params: ['any'], fn: ([value]) => must(() => jsonOf(value, '', false)) },
  typeOf: { params: ['any'], fn: ([value]) => goTypeName(value) },
  typeIs: { params: ['string', 'any'], fn: ([name, value]) => name === goTypeName(value) },
  typeIsLike: {
    params: ['string', 'any'],
    fn: ([name, value]) => name === goTypeName(value) || `*${name}` === goTypeName(value),
  },
  kindOf: { params: ['any'], fn: ([value]) => reflectKind(value) },
  kindIs: { params: ['string', 'any'], fn: ([name, value]) => name === reflectKind(value) },
  deepEqual: { params: ['any', 'any'], fn: ([a, b]) => deepEqual(a, b) },
};

function uniq(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
  return out;
}

function lookup(map: unknown, key: unknown, fallback: unknown): unknown {
  const hit = mapGet(map as Record<string, unknown>, key as string);
  return hit.found ? hit.value : fallback;
}

function mergeSpec(overwrite: boolean): SprigSpec {
  return {
    params: ['map'],
    variadic: 'map',
    fn: ([dst, ...sources]) => {
      const out = copyMap(dst as Record<string, unknown>);
      for (const source of sources) merge(out, source as Record<string, unknown>, overwrite);
      return out;
    },
  };
}
