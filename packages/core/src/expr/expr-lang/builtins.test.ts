import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_NAMES, PREDICATE_BUILTINS } from './builtin-names';
import { ExprEvalError } from './errors';
import { evaluateRaw } from './evaluate';
import { evaluateExpression } from './evaluate-expression';
import { parseExpression } from './parser';
import { ExprFloat } from './values';

const env = {
  people: [
    { name: 'ann', age: 31, team: 'a' },
    { name: 'bob', age: 17, team: 'b' },
    { name: 'cid', age: 45, team: 'a' },
  ],
  xs: [3, 1, 2],
  words: ['b', 'a', 'c'],
  m: { b: 2, a: 1 },
};
const run = (source: string): unknown => evaluateExpression(source, env);

function evalError(source: string): ExprEvalError {
  try {
    run(source);
  } catch (error) {
    if (error instanceof ExprEvalError) return error;
    throw error;
  }
  assert.fail(`expected an evaluation error for ${source}`);
}

describe('closure builtins', () => {
  test('all, any, none, one, count', () => {
    assert.equal(run('all(xs, # > 0)'), true);
    assert.equal(run('all(xs, # > 1)'), false);
    assert.equal(run('any(people, .age > 40)'), true);
    assert.equal(run('none(people, .age > 50)'), true);
    assert.equal(run('one(people, .age < 18)'), true);
    assert.equal(run('count(people, .team == "a")'), 2);
    assert.equal(run('count([true, false, true])'), 2);
    assert.equal(run('all([], false)'), true);
  });

  test('filter, map, find, findIndex, findLast, findLastIndex', () => {
    assert.deepEqual(run('filter([1, 3], {# > 1})'), [3]);
    assert.deepEqual(run('map(people, .name)'), ['ann', 'bob', 'cid']);
    assert.deepEqual(run('map(people, {#.name + "!"})'), ['ann!', 'bob!', 'cid!']);
    assert.deepEqual(run('map(xs, #index)'), [0, 1, 2]);
    assert.deepEqual(run('find(people, .team == "a")'), env.people[0]);
    assert.equal(run('find(people, .team == "z")'), null);
    assert.equal(run('findIndex(people, .age > 40)'), 2);
    assert.deepEqual(run('findLast(people, .team == "a")'), env.people[2]);
    assert.equal(run('findLastIndex(xs, # > 5)'), -1);
  });

  test('nested closures bind the innermost element', () => {
    assert.deepEqual(run('map([1, 2], {map([10, 20], # + 1)})'), [
      [11, 21],
      [11, 21],
    ]);
    assert.deepEqual(run('filter(map(xs, # * 2), # > 2)'), [6, 4]);
  });

  test('sum, reduce, groupBy and sortBy', () => {
    assert.equal(run('sum(xs)'), 6);
    assert.equal(run('sum(people, .age)'), 93);
    assert.deepEqual(evaluateRaw(parseExpression('sum([1, 2.5])'), {}), new ExprFloat(3.5));
    assert.equal(run('reduce(xs, #acc + #)'), 6);
    assert.equal(run('reduce(xs, #acc + #, 10)'), 16);
    assert.match(evalError('reduce([], #acc)').message, /reduce of empty array/u);
    assert.deepEqual(run('groupBy(people, .team)'), {
      a: [env.people[0], env.people[2]],
      b: [env.people[1]],
    });
    assert.deepEqual(run('map(sortBy(people, .age), .name)'), ['bob', 'ann', 'cid']);
    assert.deepEqual(run('map(sortBy(people, .age, "desc"), .name)'), ['cid', 'ann', 'bob']);
  });

  test('closures must return bools where a test is expected, over arrays only', () => {
    assert.match(evalError('filter(xs, # + 1)').message, /must return a bool, got int/u);
    assert.match(evalError('map(m, #)').message, /takes only array \(got map/u);
  });

  test('pipes feed the left side into the call', () => {
    assert.deepEqual(run('xs | filter(# > 1) | map(# * 10)'), [30, 20]);
    assert.equal(run('\'["a","b"]\' | fromJSON() | join(",")'), 'a,b');
  });
});

describe('string builtins', () => {
  test('trim family, case, split, replace, repeat, join', () => {
    assert.equal(run('trim("  a b \\n")'), 'a b');
    assert.equal(run('trim("xxaxx", "x")'), 'a');
    assert.equal(run('trimPrefix("v1.2", "v")'), '1.2');
    assert.equal(run('trimSuffix("file.yaml", ".yaml")'), 'file');
    assert.equal(run('upper("straße")'), 'STRAßE');
    assert.equal(run('lower("ABC")'), 'abc');
    assert.deepEqual(run('split("a,b,c", ",")'), ['a', 'b', 'c']);
    assert.deepEqual(run('split("a,b,c", ",", 2)'), ['a', 'b,c']);
    assert.deepEqual(run('splitAfter("a,b", ",")'), ['a,', 'b']);
    assert.deepEqual(run('split("abc", "")'), ['a', 'b', 'c']);
    assert.equal(run('replace("aaa", "a", "b")'), 'bbb');
    assert.equal(run('replace("aaa", "a", "b", 2)'), 'bba');
    assert.equal(run('repeat("ab", 3)'), 'ababab');
    assert.equal(run('join(words, "-")'), 'b-a-c');
    assert.equal(run('join(["x", "y"])'), 'xy');
    assert.match(evalError('join([1, 2], ",")').message, /must be a string, got int/u);
    assert.match(evalError('repeat("a", -1)').message, /expected positive integer/u);
  });

  test('indexOf counts bytes like Go, hasPrefix and hasSuffix', () => {
    assert.equal(run('indexOf("héllo", "l")'), 3);
    assert.equal(run('lastIndexOf("abcabc", "b")'), 4);
    assert.equal(run('indexOf("abc", "z")'), -1);
    assert.equal(run('hasPrefix("abc", "ab") && hasSuffix("abc", "bc")'), true);
  });

  test('len counts runes of strings and entries of collections', () => {
    assert.equal(run('len("héllo")'), 5);
    assert.equal(run('len(xs) + len(m)'), 5);
    assert.match(evalError('len(1)').message, /invalid argument for len \(type int\)/u);
  });
});

describe('conversion and number builtins', () => {
  test('int and float follow Go parsing: no junk, no fractions for int', () => {
    assert.equal(run('int("42")'), 42);
    assert.equal(run('int(3.9)'), 3);
    assert.equal(run('int(-3.9)'), -3);
    assert.match(evalError('int("4.5")').message, /invalid operation: int\(4\.5\)/u);
    assert.match(evalError('int("abc")').message, /invalid operation: int\(abc\)/u);
    assert.equal(run('float("4.5") * 2'), 9);
    assert.equal(run('string(float("1e3"))'), '1000');
    assert.match(evalError('float("x")').message, /invalid operation: float\(x\)/u);
  });

  test('string formats values as Go %v', () => {
    assert.equal(run('string(xs)'), '[3 1 2]');
    assert.equal(run('string(m)'), 'map[a:1 b:2]');
    assert.equal(run('string(nil)'), '<nil>');
    assert.equal(run('string(true)'), 'true');
  });

  test('abs, ceil, floor, round, max, min, mean, median', () => {
    assert.equal(run('abs(-3)'), 3);
    assert.deepEqual(evaluateRaw(parseExpression('ceil(1.2)'), {}), new ExprFloat(2));
    assert.equal(run('floor(-1.5)'), -2);
    assert.equal(run('round(2.5)'), 3);
    assert.equal(run('round(-2.5)'), -3);
    assert.equal(run('max(xs)'), 3);
    assert.equal(run('max(1, 5.5, 2)'), 5.5);
    assert.equal(run('min([4, [2, 8]])'), 2);
    assert.equal(run('mean([1, 2, 3, 4])'), 2.5);
    assert.equal(run('median([5, 1, 3])'), 3);
    assert.equal(run('median([4, 1, 3, 2])'), 2.5);
    assert.match(evalError('max(1, "a")').message, /invalid argument for max \(type string\)/u);
  });

  test('bit operations on ints', () => {
    assert.equal(run('bitand(12, 10)'), 8);
    assert.equal(run('bitor(12, 10)'), 14);
    assert.equal(run('bitxor(12, 10)'), 6);
    assert.equal(run('bitnot(0)'), -1);
    assert.equal(run('bitshl(1, 4)'), 16);
    assert.match(evalError('bitshr(1, -1)').message, /negative shift count/u);
  });
});

describe('collection builtins', () => {
  test('first, last, get, take, reverse, uniq, concat, flatten, sort', () => {
    assert.equal(run('first(xs)'), 3);
    assert.equal(run('last(xs)'), 2);
    assert.equal(run('first([])'), null);
    assert.equal(run('first(1)'), null);
    assert.equal(run('get(xs, -1)'), 2);
    assert.equal(run('get(xs, 10)'), null);
    assert.equal(run('get(m, "a")'), 1);
    assert.equal(run('get(nil, "a")'), null);
    assert.equal(run('get({type: "x"}, "type") ?? "always"'), 'x');
    assert.equal(run('get({}, "type") ?? "always"'), 'always');
    assert.deepEqual(run('take(xs, 2)'), [3, 1]);
    assert.deepEqual(run('reverse(xs)'), [2, 1, 3]);
    assert.deepEqual(run('uniq([1, 1.0, 2, "2"])'), [1, 2, '2']);
    assert.deepEqual(run("concat(['always'], true ? ['test'] : [])"), ['always', 'test']);
    assert.deepEqual(run('flatten([1, [2, [3]]])'), [1, 2, 3]);
    assert.deepEqual(run('sort(xs)'), [1, 2, 3]);
    assert.deepEqual(run('sort(words, "desc")'), ['c', 'b', 'a']);
    assert.deepEqual(env.xs, [3, 1, 2], 'sort must not mutate its input');
    assert.match(evalError('sort([1, "a"])').message, /invalid operation/u);
  });

  test('keys, values, toPairs and fromPairs (keys in sorted order)', () => {
    assert.deepEqual(run('keys(m)'), ['a', 'b']);
    assert.deepEqual(run('values(m)'), [1, 2]);
    assert.deepEqual(run('toPairs(m)'), [
      ['a', 1],
      ['b', 2],
    ]);
    assert.deepEqual(run('fromPairs([["x", 1], ["y", 2]])'), { x: 1, y: 2 });
    assert.match(evalError('keys(xs)').message, /must be a map/u);
  });

  test('toJSON indents and sorts keys; fromJSON makes every number a float', () => {
    assert.equal(
      run('toJSON({b: 1, a: [true, nil]})'),
      '{\n  "a": [\n    true,\n    null\n  ],\n  "b": 1\n}',
    );
    assert.equal(run('toJSON("<&>")'), '"\\u003c\\u0026\\u003e"');
    assert.deepEqual(evaluateRaw(parseExpression('fromJSON("[1, 2.5]")'), {}), [
      new ExprFloat(1),
      new ExprFloat(2.5),
    ]);
    assert.equal(run('string(fromJSON("1000000"))'), '1e+06');
    assert.match(evalError('fromJSON("{")').message, /fromJSON:/u);
  });

  test('toBase64 and fromBase64 round-trip; invalid input fails', () => {
    assert.equal(run('toBase64("héllo")'), 'aMOpbGxv');
    assert.equal(run('fromBase64("aMOpbGxv")'), 'héllo');
    assert.match(evalError('fromBase64("!!")').message, /illegal base64 data/u);
  });

  test('type names the kind of a value', () => {
    assert.deepEqual(run('map([1, 1.5, "s", true, nil, [], {}], type(#))'), [
      'int',
      'float',
      'string',
      'bool',
      'nil',
      'array',
      'map',
    ]);
  });

  test('wrong argument counts are reported', () => {
    assert.match(
      evalError('len(xs, xs)').message,
      /invalid number of arguments for len \(expected 1, got 2\)/u,
    );
    assert.match(evalError('upper()').message, /invalid number of arguments for upper/u);
  });
});

test('every builtin name the parser knows has an implementation', () => {
  for (const name of BUILTIN_NAMES) {
    if (PREDICATE_BUILTINS.has(name)) continue;
    try {
      evaluateExpression(`${name}()`, {}, { now: () => new Date(0) });
    } catch (error) {
      assert.ok(error instanceof ExprEvalError, name);
      assert.doesNotMatch(error.message, /unknown builtin/u, name);
    }
  }
});
