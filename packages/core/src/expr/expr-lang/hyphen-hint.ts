import { type BinaryNode, childNodes, type ExprNode } from './ast';

/** A `a.b.my-name` that expr-lang reads as a subtraction, with the bracketed form the user most likely meant. */
export interface HyphenHint {
  readonly offset: number;
  readonly length: number;
  /** The source text as written, e.g. `inputs.parameters.my-param`. */
  readonly written: string;
  /** The same reference in expr syntax, e.g. `inputs.parameters['my-param']`. */
  readonly suggestion: string;
  /** The variable path meant, e.g. `['inputs', 'parameters', 'my-param']`. */
  readonly path: readonly string[];
}

const DOTTED_HYPHENATED = /^[\p{L}_$][\p{L}\p{Nd}_$-]*(\.[\p{L}\p{Nd}_$][\p{L}\p{Nd}_$-]*)+$/u;
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;

function isDottedChain(node: ExprNode): boolean {
  if (node.kind === 'identifier') return true;
  return node.kind === 'member' && !node.computed && !node.optional && isDottedChain(node.object);
}

/** Operands and operators of a left-nested chain of `+` and `-` (the shape `a + b.c-d` parses to). */
function additiveChain(node: ExprNode): { operands: ExprNode[]; operators: BinaryNode[] } {
  if (node.kind !== 'binary' || (node.operator !== '-' && node.operator !== '+')) {
    return { operands: [node], operators: [] };
  }
  const inner = additiveChain(node.left);
  return { operands: [...inner.operands, node.right], operators: [...inner.operators, node] };
}

function isTightMinus(op: BinaryNode | undefined, source: string): boolean {
  if (op === undefined || op.operator !== '-') return false;
  const before = source[op.operatorOffset - 1] ?? ' ';
  const after = source[op.operatorOffset + 1] ?? ' ';
  return !/\s/u.test(before) && !/\s/u.test(after);
}

function makeHint(first: ExprNode, last: ExprNode, source: string): HyphenHint | undefined {
  const end = last.offset + last.length;
  const written = source.slice(first.offset, end);
  if (!DOTTED_HYPHENATED.test(written)) return undefined;
  const path = written.split('.');
  const suggestion = path
    .map((segment, i) => (i === 0 ? segment : IDENTIFIER.test(segment) ? `.${segment}` : `['${segment}']`))
    .join('');
  return { offset: first.offset, length: end - first.offset, written, suggestion, path };
}

/** Hints inside one additive chain; operands not covered by a hint are returned for further search. */
function scanChain(node: ExprNode, source: string): { hints: HyphenHint[]; rest: ExprNode[] } {
  const { operands, operators } = additiveChain(node);
  const hints: HyphenHint[] = [];
  const rest: ExprNode[] = [];
  let i = 0;
  while (i < operands.length) {
    const start = operands[i] as ExprNode;
    let k = i;
    if (start.kind === 'member' && isDottedChain(start)) {
      // operators[k] joins operands[k] and operands[k + 1].
      for (;;) {
        const next = operands[k + 1];
        if (next === undefined || !isTightMinus(operators[k], source)) break;
        if (next.kind !== 'integer' && !isDottedChain(next)) break;
        k++;
      }
    }
    const found = k > i ? makeHint(start, operands[k] as ExprNode, source) : undefined;
    if (found === undefined) {
      rest.push(start);
      i++;
    } else {
      hints.push(found);
      i = k + 1;
    }
  }
  return { hints, rest };
}

/**
 * Find hyphenated names written with dots, such as `inputs.parameters.my-param` or
 * `steps.flip-coin.outputs.result`. expr-lang parses them as subtractions, which Argo's docs warn about; the
 * hint carries the bracketed spelling (`inputs.parameters['my-param']`). Only a `-` with no space on either
 * side counts, so `a.b - c` is left alone.
 */
export function hyphenatedNameHints(ast: ExprNode, source: string): HyphenHint[] {
  const hints: HyphenHint[] = [];
  const stack: ExprNode[] = [ast];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'binary' && (node.operator === '-' || node.operator === '+')) {
      const scanned = scanChain(node, source);
      hints.push(...scanned.hints);
      stack.push(...scanned.rest);
    } else {
      stack.push(...childNodes(node));
    }
  }
  return hints.sort((a, b) => a.offset - b.offset);
}
