// withItems / withParam / withSequence: the items, Argo's `name(index:item)` node names, and each item's copy of
// the step or task with `{{item}}` substituted (strictly, as processItem does).

import { evaluateWhen, WhenSyntaxError } from '../expr/when';
import type { Invocation, Sequence } from '../spec/model';
import { TemplateRunError } from './errors';
import { goJsonOrdered } from './globals';
import { goSprintfInt } from './go-sprintf';
import { type EvalContext, LENIENT, STRICT, substituteDeep } from './substitute';
import { LayeredVariables, MapVariables, type Variables } from './variables';

/** Whether a step or task runs once per item. */
export function shouldExpand(invocation: Invocation): boolean {
  return (
    (invocation.withItems !== undefined && invocation.withItems.length > 0) ||
    (invocation.withParam !== undefined && invocation.withParam !== '') ||
    invocation.withSequence !== undefined
  );
}

/** Argo's shouldExecute without the error: true/false, or undefined when the condition does not evaluate. */
export function whenOutcome(when: string | undefined): boolean | undefined {
  if (when === undefined || when === '') return true;
  try {
    return evaluateWhen(when);
  } catch {
    return undefined;
  }
}

/** Argo's shouldExecute: evaluate an already substituted `when`; throws TemplateRunError with Argo's wording. */
export function shouldExecute(when: string | undefined): boolean {
  if (when === undefined || when === '') return true;
  try {
    return evaluateWhen(when);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof WhenSyntaxError) {
      throw new TemplateRunError(`Invalid 'when' expression '${when}': ${message}`);
    }
    throw new TemplateRunError(`Failed to evaluate 'when' expresion '${when}': ${message}`);
  }
}

function atoi(value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^[+-]?\d+$/u.test(text))
    throw new TemplateRunError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** Argo's expandSequence: decimal strings from start to end (or count items), each through `format`. */
export function expandSequence(seq: Sequence): string[] {
  const start = atoi(seq.start, 0);
  let end: number;
  if (seq.end !== undefined) end = atoi(seq.end, 0);
  else if (seq.count !== undefined) {
    const count = atoi(seq.count, 0);
    if (count === 0) return [];
    end = start + count - 1;
  } else throw new TemplateRunError('neither end nor count was specified in withSequence');
  const format = seq.format === undefined || seq.format === '' ? '%d' : seq.format;
  const items: string[] = [];
  const step = start <= end ? 1 : -1;
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) items.push(goSprintfInt(format, i));
  return items;
}

/** Raw JSON of an item value, as Go keeps it (json.RawMessage) and prints it with Item.String. */
function itemString(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'null';
}

/** The item's `{{item}}` value, `{{item.<key>}}` values and the text its node name shows. */
export function describeItem(value: unknown): { item: string; fields: Record<string, string>; desc: string } {
  if (typeof value === 'string') return { item: value, fields: {}, desc: value };
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { item: String(value), fields: {}, desc: String(value) };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const map = value as Record<string, unknown>;
    const keys = Object.keys(map).sort();
    const fields: Record<string, string> = {};
    for (const key of keys) fields[`item.${key}`] = itemString(map[key]);
    const json = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`).join(',')}}`;
    const desc = keys.map((k) => `${k}:${itemString(map[k])}`).join(',');
    return { item: goJsonOrdered(JSON.parse(json)), fields, desc };
  }
  const list = Array.isArray(value) ? value : [];
  return { item: goJsonOrdered(list), fields: {}, desc: `[${list.map(itemString).join(' ')}]` };
}

/** Argo's generateNodeName: `name(index:item)` without parentheses inside the item text. */
export function loopNodeName(name: string, index: number, desc: string): string {
  return `${name}(${index}:${desc.replaceAll('(', '').replaceAll(')', '')})`;
}

/** The items of an expanded step or task (after its references were substituted). */
function loopItems(invocation: Invocation): unknown[] {
  if (invocation.withItems !== undefined && invocation.withItems.length > 0) return invocation.withItems;
  if (invocation.withParam !== undefined && invocation.withParam !== '') {
    let parsed: unknown;
    let problem: string | undefined;
    try {
      parsed = JSON.parse(invocation.withParam);
      if (!Array.isArray(parsed))
        problem = `json: cannot unmarshal ${typeof parsed} into Go value of type []v1alpha1.Item`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (problem === undefined) return parsed as unknown[];
    if (whenOutcome(invocation.when) !== false) {
      throw new TemplateRunError(
        `withParam value could not be parsed as a JSON list: ${invocation.withParam.trim()}: ${problem}`,
      );
    }
    return [];
  }
  if (invocation.withSequence !== undefined) {
    try {
      return expandSequence(invocation.withSequence);
    } catch (error) {
      if (whenOutcome(invocation.when) !== false) throw error;
      return [];
    }
  }
  return [];
}

/** One copy of the step or task per item, named and substituted as Argo's expandStep / expandTask. */
export function expandInvocation<T extends Invocation>(
  invocation: T,
  vars: Variables,
  context: EvalContext,
): T[] {
  const items = loopItems(invocation);
  const base: T = { ...invocation };
  delete base.withItems;
  delete base.withParam;
  delete base.withSequence;
  // A step whose `when` is already false never runs: its unresolvable tags stay instead of failing.
  const mode = whenOutcome(invocation.when) === false ? LENIENT : STRICT;
  return items.map((value, index) => {
    const { item, fields, desc } = describeItem(value);
    const itemVars = new LayeredVariables(new MapVariables({ item, ...fields }), vars);
    const expanded = substituteDeep(base, itemVars, mode, context);
    const copy: T = { ...expanded, name: loopNodeName(invocation.name, index, desc) };
    if (invocation.template !== undefined) copy.template = invocation.template;
    return copy;
  });
}
