import type { WhenBinaryOperator, WhenNode } from './ast';
import { WhenSyntaxError } from './errors';
import { compileGoRegexp, GoRegexpError } from './go-regexp';
import { tokenizeWhen } from './lexer';
import { tokenText, type WhenToken } from './tokens';
import { checkTransitions } from './transitions';

/** Deepest nesting of parentheses and prefix operators accepted. */
export const MAX_WHEN_NESTING = 128;
/** Deepest syntax tree accepted, so evaluation cannot exhaust the stack on long operator chains. */
export const MAX_WHEN_DEPTH = 1000;

/** Options for parsing; `tags` marks `{{…}}` placeholder spans (used by checkWhenTemplate). */
export interface ParseWhenOptions {
  readonly tags?: readonly { readonly offset: number; readonly length: number }[];
}

// Loosest first, as in govaluate's stage planner. Each level is a left-associative chain.
const LEVELS: readonly (readonly WhenBinaryOperator[])[] = [
  ['?', ':', '??'],
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>=', '=~', '!~', 'in'],
  ['&', '|', '^'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
  ['**'],
];

function checkBalance(tokens: readonly WhenToken[]): void {
  const open: WhenToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'lparen') open.push(token);
    if (token.kind === 'rparen' && open.pop() === undefined) {
      throw new WhenSyntaxError('unbalanced parentheses: this `)` has no matching `(`', token.offset, 1);
    }
  }
  const unclosed = open.pop();
  if (unclosed)
    throw new WhenSyntaxError('unbalanced parentheses: this `(` is never closed', unclosed.offset, 1);
}

class Parser {
  private pos = 0;
  private nesting = 0;
  private readonly depth = new WeakMap<WhenNode, number>();

  constructor(
    private readonly source: string,
    private readonly tokens: readonly WhenToken[],
  ) {}

  parse(): WhenNode {
    const node = this.list();
    const extra = this.tokens[this.pos];
    if (extra) {
      const before = this.tokens[this.pos - 1] as WhenToken;
      throw new WhenSyntaxError(
        `expected an operator after \`${tokenText(this.source, before)}\`, found \`${tokenText(this.source, extra)}\``,
        extra.offset,
        extra.length,
      );
    }
    return node;
  }

  private peek(): WhenToken | undefined {
    return this.tokens[this.pos];
  }

  private track<T extends WhenNode>(node: T, ...children: WhenNode[]): T {
    const depth = 1 + Math.max(0, ...children.map((child) => this.depth.get(child) ?? 1));
    if (depth > MAX_WHEN_DEPTH) {
      throw new WhenSyntaxError(
        `expression is too complex (more than ${MAX_WHEN_DEPTH} levels)`,
        node.offset,
        node.length,
      );
    }
    this.depth.set(node, depth);
    return node;
  }

  private list(): WhenNode {
    const first = this.binary(0);
    if (this.peek()?.kind !== 'separator') return first;
    const items = [first];
    while (this.peek()?.kind === 'separator') {
      this.pos++;
      items.push(this.binary(0));
    }
    const last = items[items.length - 1] as WhenNode;
    return this.track(
      { type: 'list', items, offset: first.offset, length: last.offset + last.length - first.offset },
      ...items,
    );
  }

  private binary(level: number): WhenNode {
    const operators = LEVELS[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (
        !token ||
        !('op' in token) ||
        token.kind === 'prefix' ||
        !operators.includes(token.op as WhenBinaryOperator)
      ) {
        return left;
      }
      this.pos++;
      const right = this.binary(level + 1);
      left = this.track(
        {
          type: 'binary',
          operator: token.op as WhenBinaryOperator,
          operatorOffset: token.offset,
          left,
          right,
          offset: left.offset,
          length: right.offset + right.length - left.offset,
        },
        left,
        right,
      );
    }
  }

  private enter(token: WhenToken): void {
    if (++this.nesting > MAX_WHEN_NESTING) {
      throw new WhenSyntaxError(
        `expression nests deeper than ${MAX_WHEN_NESTING} levels`,
        token.offset,
        token.length,
      );
    }
  }

  private unary(): WhenNode {
    const token = this.peek();
    if (token?.kind !== 'prefix') return this.primary();
    this.pos++;
    this.enter(token);
    const operand = this.primary();
    this.nesting--;
    const length = operand.offset + operand.length - token.offset;
    return this.track({ type: 'unary', operator: token.op, operand, offset: token.offset, length }, operand);
  }

  private closeParen(open: WhenToken): WhenToken {
    const token = this.peek();
    if (token?.kind === 'rparen') {
      this.pos++;
      return token;
    }
    if (token === undefined) throw new WhenSyntaxError('this `(` is never closed', open.offset, 1);
    throw new WhenSyntaxError(
      `expected \`)\` or an operator, found \`${tokenText(this.source, token)}\``,
      token.offset,
      token.length,
    );
  }

  private primary(): WhenNode {
    const token = this.peek();
    const previous = this.tokens[this.pos - 1];
    if (token === undefined) {
      const after = previous ? `after \`${tokenText(this.source, previous)}\`` : 'here';
      throw new WhenSyntaxError(
        `expected a value ${after}, found the end of the expression`,
        this.source.length,
        0,
      );
    }
    this.pos++;
    const span = { offset: token.offset, length: token.length };
    const pattern = previous?.kind === 'comparator' && (previous.op === '=~' || previous.op === '!~');
    switch (token.kind) {
      case 'number':
      case 'boolean':
        return this.track({ type: token.kind, value: token.value, ...span } as WhenNode);
      case 'time':
        return this.track({ type: 'time', value: token.value, text: token.text, ...span });
      case 'string':
        if (pattern) this.compilePattern(token.value, token);
        return this.track({ type: 'string', value: token.value, pattern, ...span });
      case 'word': {
        const isPattern = pattern && !token.template;
        if (isPattern) this.compilePattern(token.value, token);
        const { value, bracketed, template } = token;
        return this.track({ type: 'word', value, bracketed, template, pattern: isPattern, ...span });
      }
      case 'accessor':
        return this.accessor(token);
      case 'lparen': {
        this.enter(token);
        const next = this.peek();
        if (next?.kind === 'rparen') {
          const length = next.offset + 1 - token.offset;
          throw new WhenSyntaxError(
            'empty parentheses: expected an expression inside `()`',
            token.offset,
            length,
          );
        }
        const expression = this.list();
        const close = this.closeParen(token);
        this.nesting--;
        const length = close.offset + 1 - token.offset;
        return this.track({ type: 'group', expression, offset: token.offset, length }, expression);
      }
      default: {
        const after = previous ? `after \`${tokenText(this.source, previous)}\`` : 'here';
        throw new WhenSyntaxError(
          `expected a value ${after}, found \`${tokenText(this.source, token)}\``,
          token.offset,
          token.length,
        );
      }
    }
  }

  private accessor(token: Extract<WhenToken, { kind: 'accessor' }>): WhenNode {
    const open = this.peek();
    if (open?.kind !== 'lparen') {
      return this.track({
        type: 'accessor',
        path: token.path,
        args: undefined,
        offset: token.offset,
        length: token.length,
      });
    }
    this.pos++;
    this.enter(open);
    const args = this.peek()?.kind === 'rparen' ? undefined : this.list();
    const close = this.closeParen(open);
    this.nesting--;
    const length = close.offset + 1 - token.offset;
    const node: WhenNode = { type: 'accessor', path: token.path, args, offset: token.offset, length };
    return args ? this.track(node, args) : this.track(node);
  }

  private compilePattern(pattern: string, token: WhenToken): void {
    try {
      compileGoRegexp(pattern);
    } catch (error) {
      if (!(error instanceof GoRegexpError)) throw error;
      throw new WhenSyntaxError(
        `invalid regular expression \`${pattern}\`: ${error.message}`,
        token.offset,
        token.length,
      );
    }
  }
}

/** Parses already-tokenized input; tokens must come from tokenizeWhen on the same source. */
export function parseWhenTokens(source: string, tokens: readonly WhenToken[]): WhenNode {
  if (tokens.length === 0) throw new WhenSyntaxError('empty `when` expression', 0, source.length);
  checkBalance(tokens);
  checkTransitions(source, tokens);
  return new Parser(source, tokens).parse();
}

/** Parses a substituted `when` expression into an AST; throws WhenSyntaxError where Argo would fail to parse. */
export function parseWhen(source: string, options: ParseWhenOptions = {}): WhenNode {
  return parseWhenTokens(source, tokenizeWhen(source, options.tags));
}
