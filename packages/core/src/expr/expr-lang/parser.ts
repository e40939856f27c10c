import type { ExprNode, MapEntry } from './ast';
import { BUILTIN_NAMES, PREDICATE_BUILTINS } from './builtin-names';
import { column, ExprSyntaxError } from './errors';
import { type Token, tokenize } from './lexer';
import { checkTreeDepth, describe, numberNode } from './parse-helpers';
import { BINARY, CHAINED_COMPARISONS, IDENTIFIER, NEGATABLE, UNARY } from './parse-tables';

/** Deepest bracket/operator nesting the parser follows before giving up, so input cannot overflow the stack. */
export const MAX_NESTING = 200;
/** Deepest tree accepted: long operator chains build depth without nesting, and evaluation recurses on it. */
export const MAX_TREE_DEPTH = 500;

/** Parse an expr-lang expression into a tree whose nodes carry source offsets. Throws `ExprSyntaxError`. */
export function parseExpression(source: string): ExprNode {
  const node = new Parser(source).parseRoot();
  checkTreeDepth(node, MAX_TREE_DEPTH);
  return node;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private lastEnd = 0;
  private nesting = 0;
  private closureDepth = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  parseRoot(): ExprNode {
    const node = this.parseSequence();
    const tok = this.current;
    if (tok.kind !== 'eof') {
      throw this.errorAt(tok, `unexpected ${describe(tok)} at column ${column(tok.offset)}`);
    }
    return node;
  }

  private get current(): Token {
    return this.tokens[this.pos] as Token;
  }

  private peek(): Token {
    return this.tokens[Math.min(this.pos + 1, this.tokens.length - 1)] as Token;
  }

  private advance(): Token {
    const tok = this.current;
    if (tok.kind !== 'eof') {
      this.pos++;
      this.lastEnd = tok.offset + tok.length;
    }
    return tok;
  }

  private is(kind: Token['kind'], value?: string): boolean {
    const tok = this.current;
    return tok.kind === kind && (value === undefined || tok.value === value);
  }

  private errorAt(tok: Token, message: string): ExprSyntaxError {
    return new ExprSyntaxError(message, tok.offset, Math.max(tok.length, tok.kind === 'eof' ? 0 : 1));
  }

  /** Consume the expected token or fail with "expected X <why>, found Y". */
  private expect(kind: Token['kind'], value: string, why: string): Token {
    if (this.is(kind, value)) return this.advance();
    const tok = this.current;
    throw this.errorAt(tok, `expected \`${value}\` ${why}, found ${describe(tok)}`);
  }

  private span(start: number): { offset: number; length: number } {
    return { offset: start, length: Math.max(0, this.lastEnd - start) };
  }

  private parseSequence(): ExprNode {
    const start = this.current.offset;
    const expressions = [this.parseExpression(0)];
    while (this.is('operator', ';')) {
      this.advance();
      if (this.is('eof')) break;
      expressions.push(this.parseExpression(0));
    }
    if (expressions.length === 1) return expressions[0] as ExprNode;
    return { kind: 'sequence', expressions, ...this.span(start) };
  }

  private parseExpression(precedence: number): ExprNode {
    if (++this.nesting > MAX_NESTING) {
      throw this.errorAt(this.current, `expression is nested more than ${MAX_NESTING} levels deep`);
    }
    try {
      return this.parseBinary(precedence);
    } finally {
      this.nesting--;
    }
  }

  private parseBinary(precedence: number): ExprNode {
    const start = this.current.offset;
    if (precedence === 0 && this.is('operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('operator', 'if')) return this.parseIf();
    let left = this.parsePrimary();
    let previous = '';
    while (this.current.kind === 'operator') {
      let opToken = this.current;
      let notToken: Token | undefined;
      if (opToken.value === 'not') {
        const following = this.peek();
        if (following.kind !== 'operator' || !NEGATABLE.has(following.value)) {
          throw this.errorAt(
            following,
            `expected \`in\`, \`contains\`, \`matches\`, \`startsWith\` or \`endsWith\` after \`not\`, found ${describe(following)}`,
          );
        }
        if ((BINARY.get(following.value)?.precedence ?? -1) < precedence) break;
        notToken = this.advance();
        opToken = following;
      }
      const op = BINARY.get(opToken.value);
      if (op === undefined || op.precedence < precedence) break;
      this.advance();
      if (opToken.value === '|') {
        const name = this.current;
        if (name.kind !== 'identifier') {
          throw this.errorAt(name, `expected a function name after \`|\`, found ${describe(name)}`);
        }
        this.advance();
        left = this.parseCall(name, [left], start);
        previous = '|';
        continue;
      }
      if (previous === '??' && opToken.value !== '??') {
        throw this.errorAt(
          opToken,
          `\`${opToken.value}\` cannot be mixed with \`??\` without parentheses; wrap one side in ( )`,
        );
      }
      if (CHAINED_COMPARISONS.has(opToken.value)) {
        left = this.parseComparison(left, opToken, op.precedence, start);
      } else {
        const right = this.parseExpression(op.right ? op.precedence : op.precedence + 1);
        left = {
          kind: 'binary',
          operator: opToken.value,
          left,
          right,
          operatorOffset: opToken.offset,
          operatorLength: opToken.length,
          ...this.span(start),
        };
      }
      if (notToken !== undefined) {
        left = { kind: 'unary', operator: 'not', operand: left, ...this.span(start) };
      }
      previous = opToken.value;
    }
    if (precedence === 0) left = this.parseConditional(left, start);
    return left;
  }

  /** `a < b < c` means `a < b && b < c`, as in expr-lang. */
  private parseComparison(left: ExprNode, opToken: Token, precedence: number, start: number): ExprNode {
    let root: ExprNode | undefined;
    let operand = left;
    let token = opToken;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const cmp: ExprNode = {
        kind: 'binary',
        operator: token.value,
        left: operand,
        right,
        operatorOffset: token.offset,
        operatorLength: token.length,
        offset: operand.offset,
        length: right.offset + right.length - operand.offset,
      };
      root =
        root === undefined
          ? cmp
          : {
              kind: 'binary',
              operator: '&&',
              left: root,
              right: cmp,
              operatorOffset: token.offset,
              operatorLength: token.length,
              ...this.span(start),
            };
      operand = right;
      if (this.current.kind !== 'operator' || !CHAINED_COMPARISONS.has(this.current.value)) break;
      token = this.advance();
    }
    return root;
  }

  private parseConditional(node: ExprNode, start: number): ExprNode {
    let result = node;
    while (this.is('operator', '?')) {
      const question = this.advance();
      let consequent: ExprNode;
      let alternate: ExprNode;
      if (this.is('operator', ':')) {
        this.advance();
        consequent = result;
        alternate = this.parseExpression(0);
      } else {
        consequent = this.parseExpression(0);
        this.expect(
          'operator',
          ':',
          `to separate the branches of the \`?\` at column ${column(question.offset)}`,
        );
        alternate = this.parseExpression(0);
      }
      result = { kind: 'conditional', test: result, consequent, alternate, ...this.span(start) };
    }
    return result;
  }

  private parseLet(): ExprNode {
    const start = this.advance().offset;
    const name = this.current;
    if (name.kind !== 'identifier') {
      throw this.errorAt(name, `expected a variable name after \`let\`, found ${describe(name)}`);
    }
    this.advance();
    this.expect('operator', '=', `after \`let ${name.value}\``);
    const value = this.parseExpression(0);
    this.expect('operator', ';', `after the value of \`let ${name.value}\``);
    const body = this.parseSequence();
    return { kind: 'let', name: name.value, nameOffset: name.offset, value, body, ...this.span(start) };
  }

  private parseIf(): ExprNode {
    const start = this.advance().offset;
    const test = this.parseExpression(0);
    const open = this.expect('bracket', '{', 'to start the `if` branch');
    const consequent = this.parseSequence();
    this.expect('bracket', '}', `to close the \`if\` branch opened at column ${column(open.offset)}`);
    this.expect('operator', 'else', 'after the `if` branch (`if` needs an `else`)');
    let alternate: ExprNode;
    if (this.is('operator', 'if')) {
      alternate = this.parseIf();
    } else {
      const elseOpen = this.expect('bracket', '{', 'to start the `else` branch');
      alternate = this.parseSequence();
      this.expect('bracket', '}', `to close the \`else\` branch opened at column ${column(elseOpen.offset)}`);
    }
    return { kind: 'conditional', test, consequent, alternate, ...this.span(start) };
  }

  private parsePrimary(): ExprNode {
    const tok = this.current;
    const start = tok.offset;
    const unary = tok.kind === 'operator' ? UNARY.get(tok.value) : undefined;
    if (unary !== undefined) {
      this.advance();
      const operand = this.parseExpression(unary);
      const node: ExprNode = {
        kind: 'unary',
        operator: tok.value as 'not' | '!' | '-' | '+',
        operand,
        ...this.span(start),
      };
      return this.parsePostfix(node, start);
    }
    if (tok.kind === 'bracket' && tok.value === '(') {
      this.advance();
      const inner = this.parseSequence();
      this.expect('bracket', ')', `to close the parenthesis opened at column ${column(start)}`);
      return this.parsePostfix(inner, start);
    }
    if (tok.kind === 'operator' && (tok.value === '#' || tok.value === '.')) {
      if (this.closureDepth === 0) {
        throw this.errorAt(
          tok,
          tok.value === '#'
            ? '`#` can only be used inside the closure of a builtin such as filter(list, {# > 1})'
            : `unexpected \`.\` at column ${column(start)}`,
        );
      }
      let name = '';
      if (tok.value === '#') {
        this.advance();
        const next = this.current;
        if (next.kind === 'identifier' && next.offset === tok.offset + 1) {
          if (next.value !== 'index' && next.value !== 'acc') {
            throw this.errorAt(
              next,
              `unknown closure variable \`#${next.value}\`; use \`#\`, \`#index\` or \`#acc\``,
            );
          }
          name = next.value;
          this.advance();
        }
      }
      // `.field` inside a closure is shorthand for `#.field`: the pointer takes no text of its own.
      const pointer: ExprNode = { kind: 'pointer', name: name as '' | 'index' | 'acc', ...this.span(start) };
      return this.parsePostfix(pointer, start);
    }
    return this.parseSecondary();
  }

  private parseSecondary(): ExprNode {
    const tok = this.current;
    const start = tok.offset;
    switch (tok.kind) {
      case 'identifier': {
        this.advance();
        if (tok.value === 'true' || tok.value === 'false') {
          return { kind: 'bool', value: tok.value === 'true', ...this.span(start) };
        }
        if (tok.value === 'nil') return { kind: 'nil', ...this.span(start) };
        const node: ExprNode = this.is('bracket', '(')
          ? this.parseCall(tok, [], start)
          : { kind: 'identifier', name: tok.value, ...this.span(start) };
        return this.parsePostfix(node, start);
      }
      case 'number':
        this.advance();
        return numberNode(tok);
      case 'string':
        this.advance();
        return this.parsePostfix({ kind: 'string', value: tok.value, ...this.span(start) }, start);
      case 'bracket':
        if (tok.value === '[') return this.parsePostfix(this.parseArray(), start);
        if (tok.value === '{') return this.parsePostfix(this.parseMap(), start);
        break;
      default:
        break;
    }
    throw this.errorAt(tok, `expected an expression, found ${describe(tok)}`);
  }

  private parseCall(name: Token, piped: ExprNode[], start: number): ExprNode {
    const specs = PREDICATE_BUILTINS.get(name.value);
    if (specs !== undefined) {
      const open = this.expect('bracket', '(', `after \`${name.value}\``);
      const args = [...piped];
      const remaining = specs.slice(piped.length);
      for (const [i, spec] of remaining.entries()) {
        if (this.is('bracket', ')')) {
          if (spec.optional) break;
          const required = specs.filter((s) => !s.optional).length;
          throw this.errorAt(this.current, `\`${name.value}\` expects ${required} arguments, found \`)\``);
        }
        if (i > 0) this.expect('operator', ',', `between the arguments of \`${name.value}\``);
        args.push(spec.closure ? this.parseClosure() : this.parseExpression(0));
      }
      if (this.is('operator', ',')) this.advance();
      this.expect(
        'bracket',
        ')',
        `to close the call to \`${name.value}\` opened at column ${column(open.offset)}`,
      );
      return { kind: 'builtin', name: name.value, nameOffset: name.offset, args, ...this.span(start) };
    }
    const args = this.parseArguments(piped, name.value);
    if (BUILTIN_NAMES.has(name.value)) {
      return { kind: 'builtin', name: name.value, nameOffset: name.offset, args, ...this.span(start) };
    }
    const callee: ExprNode = {
      kind: 'identifier',
      name: name.value,
      offset: name.offset,
      length: name.length,
    };
    return { kind: 'call', callee, args, ...this.span(start) };
  }

  private parseArguments(piped: ExprNode[], name: string): ExprNode[] {
    const open = this.expect('bracket', '(', `after \`${name}\``);
    const args = [...piped];
    while (!this.is('bracket', ')') && !this.is('eof')) {
      if (args.length > piped.length) {
        this.expect('operator', ',', `between the arguments of \`${name}\``);
        if (this.is('bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('bracket', ')', `to close the call to \`${name}\` opened at column ${column(open.offset)}`);
    return args;
  }

  private parseClosure(): ExprNode {
    const start = this.current.offset;
    const braced = this.is('bracket', '{');
    if (braced) this.advance();
    this.closureDepth++;
    let body: ExprNode;
    try {
      body = braced ? this.parseSequence() : this.parseExpression(0);
    } finally {
      this.closureDepth--;
    }
    if (braced) {
      this.expect('bracket', '}', `to close the closure opened at column ${column(start)}`);
    } else if (this.is('operator', ';')) {
      throw this.errorAt(this.current, 'wrap the closure in `{` and `}` to use `;` inside it');
    }
    return { kind: 'predicate', body, ...this.span(start) };
  }

  private parseArray(): ExprNode {
    const open = this.advance();
    const elements: ExprNode[] = [];
    const why = `to close the array opened at column ${column(open.offset)}`;
    while (!this.is('bracket', ']') && !this.is('eof')) {
      if (elements.length > 0) {
        this.expect('operator', ',', `between array elements (or \`]\` ${why})`);
        if (this.is('bracket', ']')) break;
      }
      elements.push(this.parseExpression(0));
    }
    this.expect('bracket', ']', why);
    return { kind: 'array', elements, ...this.span(open.offset) };
  }

  private parseMap(): ExprNode {
    const open = this.advance();
    const entries: MapEntry[] = [];
    const why = `to close the map opened at column ${column(open.offset)}`;
    while (!this.is('bracket', '}') && !this.is('eof')) {
      if (entries.length > 0) {
        this.expect('operator', ',', `between map entries (or \`}\` ${why})`);
        if (this.is('bracket', '}')) break;
      }
      const keyToken = this.current;
      let key: ExprNode;
      if (keyToken.kind === 'number' || keyToken.kind === 'string' || keyToken.kind === 'identifier') {
        this.advance();
        key = { kind: 'string', value: keyToken.value, offset: keyToken.offset, length: keyToken.length };
      } else if (keyToken.kind === 'bracket' && keyToken.value === '(') {
        key = this.parseExpression(0);
      } else {
        throw this.errorAt(
          keyToken,
          `a map key must be a quoted string, a number, a name or an expression in parentheses; found ${describe(keyToken)}`,
        );
      }
      this.expect('operator', ':', 'after the map key');
      entries.push({ key, value: this.parseExpression(0) });
    }
    this.expect('bracket', '}', why);
    return { kind: 'map', entries, ...this.span(open.offset) };
  }

  private parsePostfix(node: ExprNode, start: number): ExprNode {
    let result = node;
    for (;;) {
      const tok = this.current;
      if (tok.kind === 'operator' && (tok.value === '.' || tok.value === '?.')) {
        const optional = tok.value === '?.';
        this.advance();
        if (optional && this.is('bracket', '[')) {
          result = this.parseIndex(result, start, true);
          continue;
        }
        const prop = this.current;
        const validName =
          prop.kind === 'identifier' || (prop.kind === 'operator' && IDENTIFIER.test(prop.value));
        if (!validName) {
          throw this.errorAt(
            prop,
            `expected a property name after \`${tok.value}\`, found ${describe(prop)}`,
          );
        }
        this.advance();
        const property: ExprNode = {
          kind: 'string',
          value: prop.value,
          offset: prop.offset,
          length: prop.length,
        };
        result = { kind: 'member', object: result, property, optional, computed: false, ...this.span(start) };
        if (this.is('bracket', '(')) {
          const args = this.parseArguments([], prop.value);
          result = { kind: 'call', callee: result, args, ...this.span(start) };
        }
      } else if (tok.kind === 'bracket' && tok.value === '[') {
        result = this.parseIndex(result, start, false);
      } else {
        return result;
      }
    }
  }

  /** `[x]`, `[a:b]`, `[:b]`, `[a:]`, `[:]` after `object`; the current token is the `[`. */
  private parseIndex(object: ExprNode, start: number, optional: boolean): ExprNode {
    const open = this.advance();
    const why = `to close the \`[\` opened at column ${column(open.offset)}`;
    if (this.is('operator', ':')) {
      this.advance();
      const to = this.is('bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('bracket', ']', why);
      return { kind: 'slice', object, from: undefined, to, ...this.span(start) };
    }
    const from = this.parseExpression(0);
    if (this.is('operator', ':')) {
      this.advance();
      const to = this.is('bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('bracket', ']', why);
      return { kind: 'slice', object, from, to, ...this.span(start) };
    }
    this.expect('bracket', ']', why);
    return { kind: 'member', object, property: from, optional, computed: true, ...this.span(start) };
  }
}
