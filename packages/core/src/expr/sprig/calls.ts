import { childNodes, type ExprNode } from '../expr-lang/ast';
import { isSprigFunction, suggestSprigFunction } from './table';

/** A `sprig.NAME(…)` call found in an expression, located at the function name. */
export interface SprigCall {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  /** Whether Argo knows the function; when not, `suggestion` holds the closest real name, if any. */
  readonly known: boolean;
  readonly suggestion: string | undefined;
}

/** Every `sprig.NAME(…)` call in an expression, so the linter can flag misspelt Sprig functions. */
export function sprigCalls(ast: ExprNode): SprigCall[] {
  const calls: SprigCall[] = [];
  const stack: ExprNode[] = [ast];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const callee = node.kind === 'call' ? node.callee : undefined;
    if (
      callee?.kind === 'member' &&
      !callee.computed &&
      callee.property.kind === 'string' &&
      callee.object.kind === 'identifier' &&
      callee.object.name === 'sprig'
    ) {
      const name = callee.property.value;
      const known = isSprigFunction(name);
      calls.push({
        name,
        offset: callee.property.offset,
        length: callee.property.length,
        known,
        suggestion: known ? undefined : suggestSprigFunction(name),
      });
    }
    stack.push(...childNodes(node));
  }
  return calls.sort((a, b) => a.offset - b.offset);
}
