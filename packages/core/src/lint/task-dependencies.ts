import { DependsSyntaxError, dependsTasks, parseDependsCached } from '../expr/depends';
import type { DAGTask } from '../spec/model/template';

/** A `depends` expression's task references, or its syntax error. */
export type ParsedDepends =
  | { readonly ok: true; readonly tasks: readonly { name: string; offset: number; length: number }[] }
  | { readonly ok: false; readonly error: DependsSyntaxError };

/** A `depends` expression's task references, or its syntax error instead of a throw. */
export function analyseDepends(text: string): ParsedDepends {
  try {
    return { ok: true, tasks: dependsTasks(parseDependsCached(text)) };
  } catch (error) {
    if (!(error instanceof DependsSyntaxError)) throw error;
    return { ok: false, error };
  }
}

/** The names a task waits for, from `dependencies` or `depends` (unparsable `depends` gives none). */
export function dependenciesOf(task: DAGTask): string[] {
  if (task.dependencies) return [...task.dependencies];
  if (task.depends === undefined) return [];
  const parsed = analyseDepends(task.depends);
  return parsed.ok ? [...new Set(parsed.tasks.map((t) => t.name))] : [];
}
