import { DependsSyntaxError, dependsTasks, parseDepends } from '../expr/depends';
import type { DAGTask } from '../spec/model/template';

/** A `depends` expression's task references, or its syntax error. */
export type ParsedDepends =
  | { readonly ok: true; readonly tasks: readonly { name: string; offset: number; length: number }[] }
  | { readonly ok: false; readonly error: DependsSyntaxError };

const cache = new Map<string, ParsedDepends>();

/** Parses a `depends` expression once per distinct text. */
export function parseDependsCached(text: string): ParsedDepends {
  let parsed = cache.get(text);
  if (!parsed) {
    try {
      parsed = { ok: true, tasks: dependsTasks(parseDepends(text)) };
    } catch (error) {
      if (!(error instanceof DependsSyntaxError)) throw error;
      parsed = { ok: false, error };
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

/** The names a task waits for, from `dependencies` or `depends` (unparsable `depends` gives none). */
export function dependenciesOf(task: DAGTask): string[] {
  if (task.dependencies) return [...task.dependencies];
  if (task.depends === undefined) return [];
  const parsed = parseDependsCached(task.depends);
  return parsed.ok ? [...new Set(parsed.tasks.map((t) => t.name))] : [];
}
