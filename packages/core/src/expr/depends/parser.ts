import type { DependsNode } from './ast';
import { DependsSyntaxError } from './errors';
import { type DependsToken, tokenizeDepends } from './lexer';

/** Deepest nesting of parentheses and `!` accepted. */
export const MAX_DEPENDS_NESTING = 128;

const KEYWORD_HINTS: Record<string, string> = {
  and: '&&',
  AND: '&&',
  or: '||',
  OR: '||',
  not: '!',
  NOT: '!',
};

function show(token: DependsToken): string {
  return token.kind === 'task'
    ? `\`${token.name}${token.result ? `.${token.result}` : ''}\``
    : `\`${token.kind}\``;
}

class Parser {
  private pos = 0;
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly DependsToken[],
  ) {}

  parse(): DependsNode {
    const node = this.chain('||');
    const extra = this.tokens[this.pos];
    if (extra) throw this.unexpectedAfterOperand(extra);
    return node;
  }

  private unexpectedAfterOperand(token: DependsToken): DependsSyntaxError {
    if (token.kind === ')') return new DependsSyntaxError('this `)` has no matching `(`', token.offset, 1);
    const before = this.tokens[this.pos - 1] as DependsToken;
    const word = token.kind === 'task' && token.result === undefined ? token.name : '';
    const keyword = KEYWORD_HINTS[word];
    const message = keyword
      ? `\`${word}\` is read as a task name; did you mean \`${keyword}\`?`
      : `expected \`&&\` or \`||\` between ${show(before)} and ${show(token)}`;
    return new DependsSyntaxError(message, token.offset, token.length);
  }

  private chain(operator: '&&' | '||'): DependsNode {
    const operand = () => (operator === '||' ? this.chain('&&') : this.unary());
    const first = operand();
    if (this.tokens[this.pos]?.kind !== operator) return first;
    const operands = [first];
    while (this.tokens[this.pos]?.kind === operator) {
      this.pos++;
      operands.push(operand());
    }
    const last = operands[operands.length - 1] as DependsNode;
    const type = operator === '&&' ? 'and' : 'or';
    return { type, operands, offset: first.offset, length: last.offset + last.length - first.offset };
  }

  private enter(token: DependsToken): void {
    if (++this.nesting > MAX_DEPENDS_NESTING) {
      throw new DependsSyntaxError(
        `expression nests deeper than ${MAX_DEPENDS_NESTING} levels`,
        token.offset,
        1,
      );
    }
  }

  private unary(): DependsNode {
    const token = this.tokens[this.pos];
    if (token?.kind !== '!') return this.primary();
    this.pos++;
    this.enter(token);
    const operand = this.unary();
    this.nesting--;
    return {
      type: 'not',
      operand,
      offset: token.offset,
      length: operand.offset + operand.length - token.offset,
    };
  }

  private primary(): DependsNode {
    const token = this.tokens[this.pos];
    const previous = this.tokens[this.pos - 1];
    if (token === undefined) {
      const at = previous ?? { offset: this.text.length, length: 0 };
      const after = previous ? ` after ${show(previous)}` : '';
      throw new DependsSyntaxError(
        `expected a task name${after}, found the end of the expression`,
        at.offset,
        at.length,
      );
    }
    this.pos++;
    if (token.kind === 'task') {
      const { name, result, offset, length } = token;
      return { type: 'task', name, result, offset, length, nameLength: name.length };
    }
    if (token.kind === '(') {
      this.enter(token);
      if (this.tokens[this.pos]?.kind === ')') {
        throw new DependsSyntaxError('empty parentheses: expected a task name inside `()`', token.offset, 1);
      }
      const expression = this.chain('||');
      const close = this.tokens[this.pos];
      if (close === undefined) throw new DependsSyntaxError('this `(` is never closed', token.offset, 1);
      if (close.kind !== ')') throw this.unexpectedAfterOperand(close);
      this.pos++;
      this.nesting--;
      return { type: 'group', expression, offset: token.offset, length: close.offset + 1 - token.offset };
    }
    const after = previous ? ` after ${show(previous)}` : '';
    throw new DependsSyntaxError(
      `expected a task name${after}, found ${show(token)}`,
      token.offset,
      token.length,
    );
  }
}

/** Parses a `depends` expression into an AST; throws DependsSyntaxError with the offending span. */
export function parseDepends(text: string): DependsNode {
  const tokens = tokenizeDepends(text);
  if (tokens.length === 0) throw new DependsSyntaxError('empty `depends` expression', 0, text.length);
  return new Parser(text, tokens).parse();
}
