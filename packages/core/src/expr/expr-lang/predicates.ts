import type { ExprNode } from './ast';
import { keyOf, sortOrder, sortValues } from './builtins-collections';
import { arithmetic, OperatorError } from './operators';
import { goTypeName, mapGet, mapSet } from './values';

/** What the evaluator lends the closure builtins: argument evaluation and closure invocation. */
export interface ClosureHost {
  evaluate(node: ExprNode): unknown;
  /** Run a closure body with `#` = item, `#index` = index and `#acc` = acc. */
  call(closure: ExprNode, item: unknown, index: number, acc?: unknown): unknown;
}

function asBool(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new OperatorError(`the closure of ${name} must return a bool, got ${goTypeName(value)}`);
}

function collection(name: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new OperatorError(`builtin ${name} takes only array (got ${goTypeName(value)})`);
}

/** Evaluate `all`, `filter`, `map`, `reduce`… : builtins whose arguments include a closure over `#`. */
export function evaluatePredicateBuiltin(
  name: string,
  args: readonly ExprNode[],
  host: ClosureHost,
): unknown {
  const [source, closure, extra] = args;
  if (source === undefined) throw new OperatorError(`${name} needs an array argument`);
  const items = collection(name, host.evaluate(source));
  const test = (item: unknown, index: number): boolean =>
    closure === undefined ? asBool(name, item) : asBool(name, host.call(closure, item, index));
  switch (name) {
    case 'all':
      return items.every((item, i) => test(item, i));
    case 'any':
      return items.some((item, i) => test(item, i));
    case 'none':
      return !items.some((item, i) => test(item, i));
    case 'one':
      return items.filter((item, i) => test(item, i)).length === 1;
    case 'filter':
      return items.filter((item, i) => test(item, i));
    case 'count':
      return items.filter((item, i) => test(item, i)).length;
    case 'map':
      return items.map((item, i) => host.call(closure as ExprNode, item, i));
    case 'sum':
      return items.reduce<unknown>(
        (acc, item, i) => arithmetic('+', closure === undefined ? item : host.call(closure, item, i), acc),
        0,
      );
    case 'find':
      return items.find((item, i) => test(item, i)) ?? null;
    case 'findIndex':
      return items.findIndex((item, i) => test(item, i));
    case 'findLast':
      return items.findLast((item, i) => test(item, i)) ?? null;
    case 'findLastIndex':
      return items.findLastIndex((item, i) => test(item, i));
    case 'groupBy': {
      const groups: Record<string, unknown> = {};
      items.forEach((item, i) => {
        const key = keyOf(host.call(closure as ExprNode, item, i));
        const group = mapGet(groups, key);
        if (group.found) (group.value as unknown[]).push(item);
        else mapSet(groups, key, [item]);
      });
      return groups;
    }
    case 'sortBy': {
      const keys = items.map((item, i) => host.call(closure as ExprNode, item, i));
      const descending = extra === undefined ? false : sortOrder(host.evaluate(extra));
      return sortValues(items, descending, keys);
    }
    case 'reduce': {
      let start = 0;
      let acc: unknown;
      if (extra !== undefined) acc = host.evaluate(extra);
      else if (items.length === 0) throw new OperatorError('reduce of empty array with no initial value');
      else {
        acc = items[0];
        start = 1;
      }
      for (let i = start; i < items.length; i++) acc = host.call(closure as ExprNode, items[i], i, acc);
      return acc;
    }
    default:
      throw new OperatorError(`unknown builtin ${name}`);
  }
}
