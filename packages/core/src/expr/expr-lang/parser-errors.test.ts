import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExprSyntaxError } from './errors';
import { MAX_NESTING, parseExpression } from './parser';

function syntaxError(source: string): ExprSyntaxError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExprSyntaxError) return error;
    throw error;
  }
  assert.fail(`expected a syntax error for ${source}`);
}

describe('parseExpression: syntax errors', () => {
  test('an unclosed call names the function, where it opened, and what was found', () => {
    const error = syntaxError('asInt(inputs.parameters.x');
    assert.equal(
      error.message,
      'expected `)` to close the call to `asInt` opened at column 6, found end of expression',
    );
    assert.equal(error.code, 'SLIPWAY_EXPR_SYNTAX');
    assert.equal(error.offset, 25);
    assert.equal(error.length, 0);
  });

  test('missing comma between arguments', () => {
    const error = syntaxError('f(a b)');
    assert.equal(error.message, 'expected `,` between the arguments of `f`, found name `b`');
    assert.deepEqual([error.offset, error.length], [4, 1]);
  });

  test('unclosed parenthesis, array, map and closure', () => {
    assert.match(syntaxError('(1 + 2').message, /expected `\)` to close the parenthesis opened at column 1/u);
    assert.match(
      syntaxError('[1, 2').message,
      /to close the array opened at column 1, found end of expression/u,
    );
    assert.match(
      syntaxError('{a: 1').message,
      /to close the map opened at column 1, found end of expression/u,
    );
    assert.match(
      syntaxError('filter(x, {# > 1)').message,
      /expected `\}` to close the closure opened at column 11/u,
    );
    assert.match(syntaxError('a[1').message, /expected `\]` to close the `\[` opened at column 2/u);
  });

  test('a stray token after a complete expression', () => {
    const error = syntaxError('a b');
    assert.equal(error.message, 'unexpected name `b` at column 3');
    assert.deepEqual([error.offset, error.length], [2, 1]);
  });

  test('an operator with nothing after it', () => {
    const error = syntaxError('1 +');
    assert.equal(error.message, 'expected an expression, found end of expression');
    assert.equal(error.offset, 3);
  });

  test('lexical errors: bad characters, unterminated strings, bad escapes and numbers', () => {
    const bad = syntaxError('a @ b');
    assert.equal(bad.message, 'unexpected character `@` at column 3');
    assert.deepEqual([bad.offset, bad.length], [2, 1]);
    const unterminated = syntaxError("x == 'abc");
    assert.equal(unterminated.message, "string literal opened at column 6 is not closed by `'`");
    assert.equal(unterminated.offset, 5);
    assert.match(syntaxError('"\\d"').message, /invalid escape sequence `\\d`/u);
    assert.match(syntaxError('"a\nb"').message, /is not closed/u);
    assert.equal(syntaxError('12abc').message, 'invalid number literal `12abc` at column 1');
    assert.match(syntaxError('0x').message, /invalid integer literal/u);
    assert.match(syntaxError('99999999999999999999').message, /is too large/u);
    assert.match(syntaxError('/* open').message, /never closed/u);
  });

  test('`#` outside a closure, unknown closure variables, and `not` without an operator', () => {
    assert.match(syntaxError('# > 1').message, /only be used inside the closure/u);
    assert.match(syntaxError('map(x, #foo)').message, /unknown closure variable `#foo`/u);
    assert.match(syntaxError('a not b').message, /expected `in`, `contains`.* after `not`, found name `b`/u);
  });

  test('mixing ?? with other operators needs parentheses', () => {
    const error = syntaxError('a ?? b + 1');
    assert.match(error.message, /`\+` cannot be mixed with `\?\?`/u);
    assert.equal(error.offset, 7);
    assert.doesNotThrow(() => parseExpression('(a ?? b) + 1'));
  });

  test('ternary without `:`, let without `;`, bad map keys and property names', () => {
    assert.match(
      syntaxError('a ? b').message,
      /expected `:` to separate the branches of the `\?` at column 3/u,
    );
    assert.match(syntaxError('let x = 1 x').message, /expected `;` after the value of `let x`/u);
    assert.match(syntaxError('{[1]: 2}').message, /a map key must be/u);
    assert.match(syntaxError('a.1').message, /unexpected number `.1`/u);
    assert.match(syntaxError('a.(b)').message, /expected a property name after `.`/u);
  });

  test('predicate builtins need their closure', () => {
    assert.match(syntaxError('filter(xs)').message, /`filter` expects 2 arguments, found `\)`/u);
  });

  test('nesting beyond the limit is a syntax error, not a stack overflow', () => {
    const deep = `${'('.repeat(MAX_NESTING + 5)}1${')'.repeat(MAX_NESTING + 5)}`;
    assert.match(syntaxError(deep).message, /nested more than/u);
    const unary = `${'-'.repeat(5000)}1`;
    assert.ok(syntaxError(unary) instanceof ExprSyntaxError);
    const longChain = Array.from({ length: 5000 }, () => '1').join(' + ');
    assert.match(syntaxError(longChain).message, /too deeply nested/u);
    const members = `a${'.b'.repeat(5000)}`;
    assert.match(syntaxError(members).message, /too deeply nested/u);
  });

  test('hyphenated names parse as subtraction (the hint module explains them)', () => {
    assert.doesNotThrow(() => parseExpression('inputs.parameters.my-param'));
  });
});
