import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileGoRegexp, GoRegexpError } from './go-regexp';

const matches = (pattern: string, text: string) => compileGoRegexp(pattern).test(text);

describe('compileGoRegexp', () => {
  const table: [string, string, boolean][] = [
    ['hea', 'heads', true],
    ['^tails$', 'tails', true],
    ['^tails$', 'tails\n', false],
    ['a.c', 'a\rc', true],
    ['a.c', 'a\nc', false],
    ['(?s)a.c', 'a\nc', true],
    ['(?i)HEADS', 'heads', true],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['\\Aab\\z', 'ab', true],
    ['\\Aab\\z', 'ab\n', false],
    ['\\s', '\u00a0', false],
    ['\\s', '\t', true],
    ['[[:digit:]]+', 'v12', true],
    ['[[:upper:]]', 'abc', false],
    ['[]a]', ']', true],
    ['a{2}', 'aa', true],
    ['a{,2}', 'a{,2}', true],
    ['x}', 'x}', true],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['(?P<first>a)b', 'ab', true],
    ['\\x41\\x{42}', 'AB', true],
    ['\\101', 'A', true],
    ['\\pL+', 'é', true],
    ['\\p{Greek}', 'λ', true],
    ['\\P{Greek}', 'λ', false],
    ['^.$', '😀', true],
    ['\\.', '.', true],
    ['\\-', '-', true],
    ['a|b', 'b', true],
  ];
  for (const [pattern, text, expected] of table) {
    test(`${pattern} on ${JSON.stringify(text)} → ${expected}`, () =>
      assert.equal(matches(pattern, text), expected));
  }

  const invalid: [string, RegExp][] = [
    ['(', /unterminated group/i],
    ['a)', /unmatched/i],
    ['[a', /missing closing \]/],
    ['a**', /nothing to repeat/i],
    ['(a)\\1', /invalid escape sequence: `\\1`/],
    ['(?=a)', /unsupported Perl syntax/],
    ['(?<!a)b', /unsupported Perl syntax/],
    ['a{1001}', /invalid repeat count/],
    ['a{3,2}', /invalid repeat count/],
    ['\\e', /invalid escape sequence/],
    ['a(?i)b', /only supported at the start/],
    ['\\', /trailing backslash/],
  ];
  for (const [pattern, message] of invalid) {
    test(`rejects ${pattern}`, () => {
      assert.throws(
        () => compileGoRegexp(pattern),
        (error: unknown) => {
          assert.ok(error instanceof GoRegexpError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
