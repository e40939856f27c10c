import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WhenEvalError, WhenSyntaxError } from './errors';
import { evaluateWhen, evaluateWhenNode } from './evaluate';
import { parseWhen } from './parser';
import { formatWhenValue } from './values';

const value = (source: string) => evaluateWhenNode(parseWhen(source));

function evalError(source: string): WhenEvalError {
  try {
    evaluateWhen(source);
  } catch (error) {
    assert.ok(error instanceof WhenEvalError, `expected WhenEvalError for ${source}, got ${error}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} to fail`);
}

function table(name: string, rows: [string, boolean][]): void {
  describe(name, () => {
    for (const [source, expected] of rows) {
      test(`${source} → ${expected}`, () => assert.equal(evaluateWhen(source), expected));
    }
  });
}

table('bare words are strings', [
  ['heads == heads', true],
  ['heads == tails', false],
  ['heads != tails', true],
  ["heads == 'heads'", true],
  ['heads == "heads"', true],
  ['Succeeded == Succeeded', true],
  ['True == False', false],
  ['True == true', false],
  ['café == café', true],
  ['a_b1 == a_b1', true],
  ['[two words] == "two words"', true],
  ['abc < abd', true],
  ['b > a', true],
  ['a >= a', true],
]);

table('numbers', [
  ['1 == 1', true],
  ['1 == 1.0', true],
  ['5 > 3', true],
  ['5 < 3', false],
  ['2 <= 2', true],
  ['0x10 == 16', true],
  ['.5 == 0.5', true],
  ['1 + 2 * 3 == 7', true],
  ['10 / 4 == 2.5', true],
  ['7 % 3 == 1', true],
  ['-7 % 3 == -1', true],
  ['2 ** 10 == 1024', true],
  ['1 - 2 - 3 == -4', true],
  ['-(2 + 3) == -5', true],
  ['1 / 0 > 1000000', true],
  ['0 / 0 == 0 / 0', false],
  ['6 & 3 == 2', true],
  ['6 | 3 == 7', true],
  ['6 ^ 3 == 5', true],
  ['1 << 4 == 16', true],
  ['256 >> 4 == 16', true],
  ['1 << 64 == 0', true],
  ['~5 == -6', true],
  ['7.9 & 7 == 7', true],
]);

table('numbers against strings: never equal, as in Go reflect.DeepEqual', [
  ["1 == '1'", false],
  ["1 != '1'", true],
  ['true == "true"', false],
  ['1 == one', false],
  ['true == true', true],
  ['false == false', true],
]);

table('string comparison is by code point (Go byte order)', [
  ["'B' < 'a'", true],
  ["'a' < 'ab'", true],
  ["'\uffff' < '😀'", true],
  ["'10' < '9'", true],
]);

table('+ adds numbers and joins anything with a string', [
  ["'a' + 'b' == 'ab'", true],
  ["'a' + 1 == 'a1'", true],
  ["1 + 'a' == '1a'", true],
  ["'v' + 1.5 == 'v1.5'", true],
  ["'n' + 1000000 == 'n1e+06'", true],
  ["'n' + 123456 == 'n123456'", true],
  ["'n' + 0.0001 == 'n0.0001'", true],
  ["'n' + 0.00001 == 'n1e-05'", true],
  ["'b' + true == 'btrue'", true],
]);

table('regular expressions (unanchored, Go syntax)', [
  ['heads =~ hea', true],
  ['tails =~ hea', false],
  ['heads !~ hea', false],
  ["'v1.2.3' =~ '^v[0-9]+\\.[0-9]+'", true],
  ["'ABC' =~ '(?i)^abc$'", true],
  ["'abc' =~ '^[[:alpha:]]+$'", true],
  ["'a\nb' =~ '^b'", false],
  ["'a\nb' =~ '(?m)^b'", true],
  ["'x' =~ 'a' + '|x'", true],
  ["'feature/x' =~ '^feature/'", true],
]);

table('boolean logic and precedence', [
  ['true && false', false],
  ['true || false', true],
  ['!false', true],
  ['!true || true', true],
  ['!(true || true)', false],
  ['false && true || true', true],
  ['false && (true || true)', false],
  ['a == a && b == b', true],
  ['a == b || c == c', true],
  ['false && nonsense', false],
  ['true || nonsense', true],
]);

table('membership, ternary and coalescing', [
  ['b in (a, b, c)', true],
  ['d in (a, b, c)', false],
  ["1 in (1, 'x')", true],
  ["'1' in (1, 2)", false],
  ['a IN (a, b)', true],
  ['true ? true : false', true],
  ['false ? false : true', true],
  ['(false ? 1) ?? true', true],
  ['true ?? false', true],
]);

table('quoted dates compare as Unix times', [
  ["'2021-01-01' < '2021-06-01'", true],
  ["'2021-01-01' == '2021-01-01T00:00:00Z'", true],
  ["'2021-01-01T01:00:00+01:00' == '2021-01-01'", true],
  ["'2021-01-01' == 1609459200", true],
]);

describe('values other than booleans', () => {
  test('arithmetic, strings, lists and nil evaluate to their values', () => {
    assert.equal(value('1 + 1'), 2);
    assert.equal(value("'a' + 'b'"), 'ab');
    assert.deepEqual(value('(1, 2), 3'), [1, 2, 3]);
    assert.deepEqual(value('1, (2, 3)'), [1, [2, 3]]);
    assert.equal(value('false ? 1'), null);
    assert.equal(formatWhenValue(value('(1, true), x') as never), '[1 true x]');
  });

  test('an empty expression means "run", as in Argo', () => {
    assert.equal(evaluateWhen(''), true);
  });

  test('whitespace alone is a syntax error', () => {
    assert.throws(() => evaluateWhen(' \n'), WhenSyntaxError);
  });
});

describe('evaluation errors', () => {
  const cases: [string, RegExp, number, number][] = [
    ['heads', /must evaluate to true or false.*the string 'heads'/, 0, 5],
    ['1 + 1', /must evaluate to true or false.*the number 2/, 0, 5],
    ['false ? true', /must evaluate to true or false.*nil/, 0, 12],
    ['a, b', /the list \[a b\]/, 0, 4],
    [
      'my-value == my-value',
      /`-` needs numbers, but its left side is the string 'my' \(govaluate splits a bare word/,
      0,
      2,
    ],
    ['a/b == a/b', /`\/` needs numbers.*splits a bare word at `\/`/, 0, 1],
    ['v1.2.3 == v1.2.3', /field of a parameter named `v1`/, 0, 6],
    ['Foo.Bar(1) == x', /field of a parameter named `Foo`/, 0, 10],
    ['heads && true', /`&&` needs booleans, but its left side is the string 'heads'/, 0, 5],
    ['true && 1', /`&&` needs booleans, but its right side is the number 1/, 8, 1],
    ['!1', /`!` needs a boolean, found the number 1/, 1, 1],
    ['-true == 1', /prefix `-` needs a number, found the boolean true/, 1, 4],
    ["1 < 'a'", /`<` compares two numbers or two strings, not the number 1 and the string 'a'/, 0, 7],
    ['true < false', /compares two numbers or two strings/, 0, 12],
    ['1 =~ 1', /`=~` needs a string on its left, found the number 1/, 0, 1],
    ["'a' =~ 1", /`=~` needs a pattern on its right, found the number 1/, 7, 1],
    ["'a' =~ ('(' + '')", /cannot compile the regular expression '\('/, 7, 10],
    ['a in b', /`in` needs a list on its right/, 5, 1],
    ['a in (b)', /`in` needs a list on its right/, 5, 3],
    ['1 + true == 1', /`\+` adds numbers or joins strings, not the number 1 and the boolean true/, 0, 8],
    ['x ? 1 : 2', /`\?` needs a boolean on its left, found the string 'x'/, 0, 1],
  ];
  for (const [source, message, offset, length] of cases) {
    test(`${source} fails`, () => {
      const error = evalError(source);
      assert.match(error.message, message);
      assert.deepEqual([error.offset, error.length], [offset, length]);
      assert.equal(error.code, 'SLIPWAY_WHEN_EVAL');
    });
  }

  test('the right-hand side is evaluated before the left type check, as in govaluate', () => {
    assert.match(evalError('x && (1 + true)').message, /`\+` adds numbers/);
  });
});
