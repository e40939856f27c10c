import { childNodes, type ExprNode } from './ast';
import { column, ExprSyntaxError } from './errors';
import type { Token } from './lexer';

/** Convert a number token the way expr-lang does: prefixes, underscores, `.`/`e` for floats. */
export function numberNode(tok: Token): ExprNode {
  const text = tok.value.replaceAll('_', '');
  const lower = text.toLowerCase();
  const span = { offset: tok.offset, length: tok.length };
  const invalid = (what: string): ExprSyntaxError =>
    new ExprSyntaxError(
      `invalid ${what} literal \`${tok.value}\` at column ${column(tok.offset)}`,
      tok.offset,
      tok.length,
    );
  const prefixed = /^0[xob]/u.test(lower);
  if (!prefixed && /[.e]/u.test(lower)) {
    if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/u.test(lower)) throw invalid('float');
    const value = Number(lower);
    if (!Number.isFinite(value)) throw invalid('float');
    return { kind: 'float', value, ...span };
  }
  const digits = prefixed ? lower.slice(2) : lower;
  const radix = !prefixed ? 10 : lower[1] === 'x' ? 16 : lower[1] === 'o' ? 8 : 2;
  const valid = { 16: /^[0-9a-f]+$/u, 10: /^\d+$/u, 8: /^[0-7]+$/u, 2: /^[01]+$/u }[radix];
  if (valid === undefined || !valid.test(digits)) throw invalid('integer');
  const big = BigInt(prefixed ? `0${lower[1]}${digits}` : digits);
  if (big > 9223372036854775807n) {
    throw new ExprSyntaxError(`integer literal \`${tok.value}\` is too large`, tok.offset, tok.length);
  }
  return { kind: 'integer', value: Number(big), ...span };
}

/** How a token is named in messages. */
export function describe(tok: Token): string {
  switch (tok.kind) {
    case 'eof':
      return 'end of expression';
    case 'identifier':
      return `name \`${tok.value}\``;
    case 'number':
      return `number \`${tok.value}\``;
    case 'string':
      return `string ${JSON.stringify(tok.value.length > 30 ? `${tok.value.slice(0, 30)}…` : tok.value)}`;
    default:
      return `\`${tok.value}\``;
  }
}

/** Reject trees deeper than `maxDepth`, walking iteratively so the check itself cannot overflow. */
export function checkTreeDepth(root: ExprNode, maxDepth: number): void {
  const stack: Array<[ExprNode, number]> = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > maxDepth) {
      throw new ExprSyntaxError(
        `expression is too deeply nested (more than ${maxDepth} levels)`,
        node.offset,
        Math.max(1, node.length),
      );
    }
    for (const child of childNodes(node)) stack.push([child, depth + 1]);
  }
}
