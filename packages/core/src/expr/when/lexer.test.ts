import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WhenSyntaxError } from './errors';
import { tokenizeWhen } from './lexer';

const kinds = (source: string) => tokenizeWhen(source).map((t) => t.kind);
const spans = (source: string) => tokenizeWhen(source).map((t) => [t.offset, t.length]);

function lexError(source: string): WhenSyntaxError {
  try {
    tokenizeWhen(source);
  } catch (error) {
    assert.ok(error instanceof WhenSyntaxError, `expected WhenSyntaxError, got ${error}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} not to tokenize`);
}

describe('tokenizeWhen', () => {
  test('classifies every kind of token with its span', () => {
    const tokens = tokenizeWhen("x == 'a b' && (1.5 != 2) || !true ? [k] : v, Foo.Bar");
    assert.deepEqual(
      tokens.map((t) => t.kind),
      [
        'word',
        'comparator',
        'string',
        'logical',
        'lparen',
        'number',
        'comparator',
        'number',
        'rparen',
        'logical',
        'prefix',
        'boolean',
        'ternary',
        'word',
        'ternary',
        'word',
        'separator',
        'accessor',
      ],
    );
    assert.deepEqual(spans("x == 'a b'"), [
      [0, 1],
      [2, 2],
      [5, 5],
    ]);
  });

  test('bare words may hold letters, digits, underscores and dots but not dashes or slashes', () => {
    assert.deepEqual(kinds('my_value2'), ['word']);
    assert.deepEqual(kinds('my-value'), ['word', 'modifier', 'word']);
    assert.deepEqual(kinds('a/b'), ['word', 'modifier', 'word']);
    assert.deepEqual(kinds('v1.2.3'), ['accessor']);
    const accessor = tokenizeWhen('v1.2.3')[0];
    assert.ok(accessor?.kind === 'accessor');
    assert.deepEqual(accessor.path, ['v1', '2', '3']);
  });

  test('true, false, in and IN are keywords; True is a word', () => {
    assert.deepEqual(kinds('true false in IN True'), [
      'boolean',
      'boolean',
      'comparator',
      'comparator',
      'word',
    ]);
  });

  test('a minus is a prefix only where a value is expected', () => {
    assert.deepEqual(kinds('-1'), ['prefix', 'number']);
    assert.deepEqual(kinds('1 -1'), ['number', 'modifier', 'number']);
    assert.deepEqual(kinds('1 - -1'), ['number', 'modifier', 'prefix', 'number']);
    assert.deepEqual(kinds('(-1)'), ['lparen', 'prefix', 'number', 'rparen']);
  });

  test('numbers: decimals, leading dot, hex', () => {
    const values = tokenizeWhen('12 .5 1. 0x1F 0xff').map((t) => (t.kind === 'number' ? t.value : undefined));
    assert.deepEqual(values, [12, 0.5, 1, 31, 255]);
    // `0x` needs a character after it to start a hex literal; at the very end it is 0 then a word.
    assert.deepEqual(kinds('0x'), ['number', 'word']);
  });

  test('quotes: either quote character ends a string, and backslash escapes anything', () => {
    const [single] = tokenizeWhen("'it\\'s'");
    assert.ok(single?.kind === 'string');
    assert.equal(single.value, "it's");
    const [mixed] = tokenizeWhen('\'abc"');
    assert.ok(mixed?.kind === 'string');
    assert.equal(mixed.value, 'abc');
    const [backslashN] = tokenizeWhen("'a\\nb'");
    assert.ok(backslashN?.kind === 'string');
    assert.equal(backslashN.value, 'anb');
  });

  test('quoted dates become time tokens holding Unix seconds', () => {
    const [date] = tokenizeWhen("'2021-03-04'");
    assert.ok(date?.kind === 'time');
    assert.equal(date.value, Date.UTC(2021, 2, 4) / 1000);
    assert.equal(date.text, '2021-03-04');
    assert.deepEqual(kinds("'2021-13-04'"), ['string']);
  });

  test('brackets make a word of anything, spaces included', () => {
    const [word] = tokenizeWhen('[a b.c-d]');
    assert.ok(word?.kind === 'word');
    assert.equal(word.value, 'a b.c-d');
    assert.equal(word.bracketed, true);
    assert.equal(word.length, 9);
  });

  test('symbols are read as one run up to a letter, digit, quote, bracket or space', () => {
    assert.deepEqual(kinds('a==b'), ['word', 'comparator', 'word']);
    assert.deepEqual(kinds("a=='b'"), ['word', 'comparator', 'string']);
    assert.match(lexError('a &&!b').message, /`&&!`/);
    assert.match(lexError('1 ==-1').message, /put a space after `==`/);
  });

  test('non-ASCII letters and digits are classified as Go classifies them', () => {
    assert.deepEqual(kinds('café == ÉTÉ'), ['word', 'comparator', 'word']);
    const error = lexError('٣ == 3');
    assert.match(error.message, /as a number/);
    assert.equal(error.offset, 0);
  });

  test('offsets count UTF-16 code units and skip trailing blanks', () => {
    // U+1D4B3 is a letter outside the BMP: one code point, two code units.
    assert.deepEqual(spans("𝒳x == '😀'"), [
      [0, 3],
      [4, 2],
      [7, 4],
    ]);
    assert.match(lexError('😀 == x').message, /unexpected `😀`/);
    assert.deepEqual(spans('  ab   '), [[2, 2]]);
  });

  test('reports lexical errors with their span', () => {
    const cases: [string, RegExp, number, number][] = [
      ['a == {{x}}', /unresolved template tag/, 5, 2],
      ["x == 'abc", /unclosed string/, 5, 1],
      ['[abc', /unclosed `\[`/, 0, 1],
      ['1.2.3 == x', /version number must be quoted/, 0, 5],
      ['heads.tails', /unexported field `tails`/, 0, 11],
      ['abc. == x', /ends with a dot/, 0, 4],
      ['a = b', /did you mean `==`/, 2, 1],
      ['x == _y', /unexpected `_`/, 5, 1],
      ['x == 0xZZ', /unexpected|hexadecimal/, 5, 2],
      ['a \\', /backslash at the end/, 2, 1],
      ['a !', /prefix operator/, 2, 1],
    ];
    for (const [source, message, offset, length] of cases) {
      const error = lexError(source);
      assert.match(error.message, message, source);
      assert.deepEqual([error.offset, error.length], [offset, length], source);
      assert.equal(error.code, 'SLIPWAY_WHEN_SYNTAX');
    }
  });
});
