import type { ExprNode } from './ast';
import { ARGO_FUNCTION_NAMES } from './builtin-names';

/** A variable the expression reads, e.g. `inputs.parameters['my-param']` as `['inputs','parameters','my-param']`. */
export interface VariableRef {
  readonly path: readonly string[];
  /** Offset and length of the source text of the reference (the identifier through the last resolved key). */
  readonly offset: number;
  readonly length: number;
  /**
   * Read through `?.` or on the left of `??`: the expression copes with the value being absent, so Argo does
   * not insist on it either.
   */
  readonly guarded: boolean;
}

interface ResolvedPath {
  readonly path: string[];
  readonly optional: boolean;
}

/** The constant path of a member chain rooted at a free identifier, or undefined if any step is dynamic. */
function resolvePath(node: ExprNode, bound: ReadonlySet<string>): ResolvedPath | undefined {
  if (node.kind === 'identifier') {
    if (bound.has(node.name) || ARGO_FUNCTION_NAMES.has(node.name)) return undefined;
    return { path: [node.name], optional: false };
  }
  if (node.kind !== 'member' || node.property.kind !== 'string') return undefined;
  const base = resolvePath(node.object, bound);
  if (base === undefined) return undefined;
  return { path: [...base.path, node.property.value], optional: base.optional || node.optional };
}

/**
 * Every variable path the expression reads, in source order. Member chains and constant string indexes are
 * folded into one path (`steps['flip-coin'].outputs.result` → `['steps','flip-coin','outputs','result']`); a
 * dynamic or numeric index ends the path. Closure variables (`#`), `let` bindings, function names and Argo's
 * functions (`sprig`, `asInt`, …) are not variables.
 */
export function referencedVariables(ast: ExprNode): VariableRef[] {
  const refs: VariableRef[] = [];
  const walk = (node: ExprNode, bound: ReadonlySet<string>, guarded: boolean): void => {
    switch (node.kind) {
      case 'identifier':
      case 'member': {
        const resolved = resolvePath(node, bound);
        if (resolved !== undefined) {
          refs.push({
            path: resolved.path,
            offset: node.offset,
            length: node.length,
            guarded: guarded || resolved.optional,
          });
          return;
        }
        if (node.kind === 'member') {
          walk(node.object, bound, guarded || node.optional);
          if (node.computed) walk(node.property, bound, guarded);
        }
        return;
      }
      case 'call': {
        const callee = node.callee;
        if (callee.kind === 'member') {
          const isSprig = callee.object.kind === 'identifier' && callee.object.name === 'sprig';
          // A method call reads its receiver; the method name is not part of any variable path.
          if (!isSprig) walk(callee.object, bound, guarded || callee.optional);
          if (callee.computed) walk(callee.property, bound, guarded);
        } else if (callee.kind !== 'identifier') {
          walk(callee, bound, guarded);
        }
        for (const arg of node.args) walk(arg, bound, guarded);
        return;
      }
      case 'slice':
        walk(node.object, bound, guarded);
        if (node.from !== undefined) walk(node.from, bound, guarded);
        if (node.to !== undefined) walk(node.to, bound, guarded);
        return;
      case 'binary':
        walk(node.left, bound, guarded || node.operator === '??');
        walk(node.right, bound, guarded);
        return;
      case 'let': {
        walk(node.value, bound, guarded);
        walk(node.body, new Set([...bound, node.name]), guarded);
        return;
      }
      case 'map':
        for (const entry of node.entries) {
          if (entry.key.kind !== 'string') walk(entry.key, bound, guarded);
          walk(entry.value, bound, guarded);
        }
        return;
      case 'array':
        for (const element of node.elements) walk(element, bound, guarded);
        return;
      case 'builtin':
        for (const arg of node.args) walk(arg, bound, guarded);
        return;
      case 'predicate':
        walk(node.body, bound, guarded);
        return;
      case 'unary':
        walk(node.operand, bound, guarded);
        return;
      case 'conditional':
        walk(node.test, bound, guarded);
        walk(node.consequent, bound, guarded);
        walk(node.alternate, bound, guarded);
        return;
      case 'sequence':
        for (const expression of node.expressions) walk(expression, bound, guarded);
        return;
      default:
        return;
    }
  };
  walk(ast, new Set(), false);
  return refs;
}
