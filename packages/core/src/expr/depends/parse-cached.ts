import type { DependsNode } from './ast';
import { parseDepends } from './parser';

const cache = new Map<string, DependsNode>();
const MAX_ENTRIES = 10_000;

/**
 * `parseDepends`, memoised by text (the AST is immutable): a DAG of thousands of tasks repeats the same few
 * expressions, and both lint and the engine parse them. Throws DependsSyntaxError like `parseDepends`.
 */
export function parseDependsCached(text: string): DependsNode {
  let ast = cache.get(text);
  if (ast === undefined) {
    ast = parseDepends(text);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, ast);
  }
  return ast;
}
