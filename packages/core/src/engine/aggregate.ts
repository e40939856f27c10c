// Outputs of an expanded loop as Argo's processAggregateNodeOutputs builds them: `outputs.result` and
// `outputs.parameters` as JSON lists over the Succeeded children, in loop order.
import { goJson } from '../expr/expr-lang';
import type { Ctx } from './context';
import { goJsonOrdered } from './globals';
import type { Aggregate } from './model';
import { entryOf } from './records';

/** Remove insignificant whitespace from JSON text, keeping key order and number spelling (json.Compact). */
function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') out += ch;
  }
  return out;
}

function htmlEscape(text: string): string {
  return text.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}

function isContainer(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Argo's aggregatedJSONValueList: parsed when every value is a JSON object or list, else the strings. */
function valueList(values: readonly string[]): string {
  const parsed = values.map(isContainer);
  if (parsed.every((v) => v !== undefined)) return goJson(parsed);
  return goJsonOrdered(values);
}

/** Aggregate the outputs of loop children (hook and retry-attempt nodes are not loop children). */
export function aggregateOutputs(ctx: Ctx, childIds: readonly string[]): Aggregate {
  const params: Record<string, string>[] = [];
  const byName: Record<string, string[]> = {};
  const results: string[] = [];
  let error: string | undefined;
  for (const id of childIds) {
    const node = ctx.node(id);
    if (node.outputs === undefined || node.phase !== 'Succeeded') continue;
    const parameters = node.outputs.parameters ?? [];
    if (parameters.length > 0) {
      const entry: Record<string, string> = {};
      for (const p of parameters) {
        entry[p.name] = p.value ?? '';
        entryOf(byName, p.name, () => []).push(p.value ?? '');
      }
      params.push(entry);
    }
    if (node.outputs.result !== undefined) {
      try {
        JSON.parse(node.outputs.result);
        results.push(htmlEscape(compactJson(node.outputs.result)));
      } catch (problem) {
        error ??= problem instanceof Error ? problem.message : String(problem);
      }
    }
  }
  const aggregate: Aggregate = {
    result: `[${results.join(',')}]`,
    parameters: goJson(params),
    byName: Object.fromEntries(Object.entries(byName).map(([name, values]) => [name, valueList(values)])),
  };
  if (error !== undefined) aggregate.error = error;
  return aggregate;
}
