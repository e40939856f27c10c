// Argo's template.Replace / ReplaceStrictAny over a whole object: simple tags looked up verbatim, expression
// tags evaluated with expr-lang, with the three strictness modes Argo uses at different moments.

import type { ExprNode } from '../expr/expr-lang';
import {
  evaluate,
  expandEnv,
  formatTagResult,
  parseExpression,
  referencedVariables,
} from '../expr/expr-lang';
import { simpleTagName, substituteTemplate, type TemplateTag } from '../expr/tags';
import { TemplateRunError } from './errors';
import type { Variables } from './variables';

/**
 * How unresolvable tags are treated:
 * - `lenient`: left as written (template.Replace with allowUnresolved);
 * - `strict`: an error (allowUnresolved = false, used when expanding loop items);
 * - `prefixes`: an error only for tags under the given roots (`steps`, `tasks`), as ReplaceStrictAny.
 */
export type SubstituteMode =
  | { readonly kind: 'lenient' }
  | { readonly kind: 'strict' }
  | { readonly kind: 'prefixes'; readonly prefixes: readonly string[] };

/** Lenient substitution, the common case. */
export const LENIENT: SubstituteMode = { kind: 'lenient' };
/** Strict substitution. */
export const STRICT: SubstituteMode = { kind: 'strict' };
/** Step and task references must resolve; everything else may stay. */
export const STEP_TASK_REFS: SubstituteMode = { kind: 'prefixes', prefixes: ['steps', 'tasks'] };

/** A reference that is not there yet; Argo requeues on these, Slipway reports them (see `isMissingReference`). */
export class MissingReferenceError extends TemplateRunError {}

// Variables whose absence means "not known yet": expressions reading them stay unresolved in lenient mode.
const LATE_BOUND = new Set([
  'item',
  'retries',
  'lastRetry.exitCode',
  'lastRetry.status',
  'lastRetry.duration',
  'lastRetry.message',
  'workflow.status',
  'workflow.failures',
]);

/** Options for evaluation inside expression tags (a clock, for `now()`). */
export interface EvalContext {
  readonly now: number;
}

const astCache = new Map<string, ExprNode>();

/** Parse an expression, memoised (the AST is immutable; caching cannot change results). */
export function parseCached(source: string): ExprNode {
  let ast = astCache.get(source);
  if (ast === undefined) {
    ast = parseExpression(source);
    if (astCache.size > 10_000) astCache.clear();
    astCache.set(source, ast);
  }
  return ast;
}

function matchesPrefix(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/** Whether `path` is readable in the expanded environment, as Argo's hasVarInEnv (a nil value counts). */
function hasPath(env: Record<string, unknown>, path: readonly string[]): boolean {
  let current: unknown = env;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    if (!Object.hasOwn(current, part)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/** The expanded environment an expression sees: only the keys it can reach, fetched from `vars`. */
function expressionEnv(ast: ExprNode, vars: Variables): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const ref of referencedVariables(ast)) vars.collect(ref.path, flat);
  return expandEnv(flat);
}

/** Evaluate an expression against variables; throws ExprSyntaxError / ExprEvalError. */
export function evaluateWith(source: string, vars: Variables, context: EvalContext): unknown {
  const ast = parseCached(source);
  return evaluate(ast, expressionEnv(ast, vars), { now: () => new Date(context.now), random: () => 0.5 });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resolveExpression(
  tag: TemplateTag,
  vars: Variables,
  mode: SubstituteMode,
  context: EvalContext,
): string | undefined {
  let ast: ExprNode;
  try {
    ast = parseCached(tag.inner);
  } catch (error) {
    // Argo cannot list the identifiers of an unparsable expression and then evaluates it strictly.
    throw new TemplateRunError(`failed to evaluate expression: ${errorMessage(error)}`);
  }
  const env = expressionEnv(ast, vars);
  const missing: string[] = [];
  for (const ref of referencedVariables(ast)) {
    // Guarded reads (`?.`, left of `??`) only need their root identifier.
    const path = ref.guarded ? ref.path.slice(0, 1) : ref.path;
    const joined = path.join('.');
    if (!hasPath(env, path) && !missing.includes(joined)) missing.push(joined);
  }
  if (mode.kind !== 'lenient') {
    for (const id of missing) {
      if (mode.kind === 'strict' || matchesPrefix(id, mode.prefixes)) {
        throw new MissingReferenceError(`failed to evaluate expression: ${id} is missing`);
      }
    }
  }
  const allowUnresolved = missing.length > 0 || mode.kind === 'lenient';
  if (allowUnresolved && missing.some((id) => LATE_BOUND.has(id))) return undefined;
  let value: unknown;
  try {
    value = evaluate(ast, env, { now: () => new Date(context.now), random: () => 0.5 });
  } catch (error) {
    if (allowUnresolved) return undefined;
    throw new TemplateRunError(`failed to evaluate expression: ${errorMessage(error)}`);
  }
  let text: string | undefined;
  try {
    text = formatTagResult(value);
  } catch (error) {
    if (allowUnresolved) return undefined;
    throw new TemplateRunError(`failed to marshal evaluated expression: ${errorMessage(error)}`);
  }
  if (text === undefined && !allowUnresolved) {
    throw new TemplateRunError(`failed to evaluate expression ${JSON.stringify(tag.inner)}`);
  }
  return text;
}

function resolveSimple(tag: TemplateTag, vars: Variables): string | undefined {
  const value = vars.get(simpleTagName(tag.inner).name);
  if (value === null) {
    throw new TemplateRunError(
      `unable to substitute {{${tag.inner}}}: output is an absent optional (skipped/omitted node with no default)`,
    );
  }
  return value;
}

/** Substitute the tags of one string. Throws TemplateRunError (or MissingReferenceError) as Argo would fail. */
export function substituteString(
  text: string,
  vars: Variables,
  mode: SubstituteMode,
  context: EvalContext,
): string {
  if (!text.includes('{{')) return text;
  const result = substituteTemplate(text, (tag) => resolveSimple(tag, vars), {
    expression: (tag) => resolveExpression(tag, vars, mode, context),
  });
  const problem = result.problems.find(
    (p) => p.severity === 'error' && p.code === 'SLIPWAY_TAG_UNTERMINATED',
  );
  if (problem !== undefined) {
    throw new TemplateRunError(
      `Cannot find end tag="}}" in the template=${JSON.stringify(text)} starting from ${JSON.stringify(text.slice(problem.offset + 2))}`,
    );
  }
  if (mode.kind !== 'lenient') {
    for (const tag of result.unresolved) {
      if (tag.kind !== 'simple') continue;
      const name = simpleTagName(tag.inner).name;
      const strict =
        mode.kind === 'strict' ||
        (matchesPrefix(name, mode.prefixes) && !name.includes('.outputs.artifacts.'));
      if (strict) throw new MissingReferenceError(`failed to resolve {{${tag.inner}}}`);
    }
  }
  return result.text;
}

// Objects (template parts) known to contain no `{{`: templates are immutable and shared between the nodes
// that run them, so each part is scanned once, not once per node.
const untagged = new WeakSet<object>();

function containsTags(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (value === null || typeof value !== 'object') return false;
  if (untagged.has(value)) return false;
  const tagged = Array.isArray(value)
    ? value.some(containsTags)
    : Object.entries(value).some(([key, item]) => key.includes('{{') || containsTags(item));
  if (!tagged) untagged.add(value);
  return tagged;
}

/**
 * Substitute every string (and object key) inside `value`. Unchanged subtrees are shared, never copied, so
 * callers must treat templates as immutable.
 */
export function substituteDeep<T>(value: T, vars: Variables, mode: SubstituteMode, context: EvalContext): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substituteString(v, vars, mode, context);
    if (v === null || typeof v !== 'object' || !containsTags(v)) return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item = walk(v[i]);
        if (item !== v[i]) {
          out ??= v.slice();
          out[i] = item;
        }
      }
      return out ?? v;
    }
    let out: Record<string, unknown> | undefined;
    const source = v as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const item = source[key];
      const newKey = substituteString(key, vars, mode, context);
      const newItem = walk(item);
      if (out === undefined && (newKey !== key || newItem !== item)) {
        // First change: copy the keys seen so far, in order, then continue into the copy.
        out = {};
        for (const earlier of Object.keys(source)) {
          if (earlier === key) break;
          out[earlier] = source[earlier];
        }
      }
      if (out !== undefined) out[newKey] = newItem;
    }
    return out ?? v;
  };
  return walk(value) as T;
}
