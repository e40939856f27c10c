import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExprEvalError } from './errors';
import { evaluate, evaluateRaw } from './evaluate';
import { evaluateExpression } from './evaluate-expression';
import { parseExpression } from './parser';
import { ExprFloat } from './values';

const env = {
  n: 7,
  f: 2.5,
  s: 'hello',
  xs: [1, 2, 3],
  m: { a: 1, 'my-key': 'v', nested: { b: true } },
  nothing: null,
  inputs: { parameters: { count: '3', 'my-param': 'x', flag: 'true' } },
};
const run = (source: string, vars: Record<string, unknown> = env): unknown =>
  evaluateExpression(source, vars);
const raw = (source: string): unknown => evaluateRaw(parseExpression(source), env);

function evalError(source: string, vars: Record<string, unknown> = env): ExprEvalError {
  try {
    run(source, vars);
  } catch (error) {
    if (error instanceof ExprEvalError) return error;
    throw error;
  }
  assert.fail(`expected an evaluation error for ${source}`);
}

describe('evaluate: numbers keep expr-lang int/float semantics', () => {
  test('int arithmetic stays int; `/` always yields a float', () => {
    assert.equal(run('7 + 3 * 2'), 13);
    assert.equal(run('7 - 10'), -3);
    assert.deepEqual(raw('7 / 2'), new ExprFloat(3.5));
    assert.deepEqual(raw('8 / 2'), new ExprFloat(4));
    assert.equal(run('8 / 2'), 4);
    assert.equal(run('1 / 0'), Number.POSITIVE_INFINITY);
  });

  test('`%` is integer-only, truncates toward zero and fails on zero', () => {
    assert.equal(run('7 % 3'), 1);
    assert.equal(run('-7 % 3'), -1);
    assert.match(evalError('7 % 0').message, /integer divide by zero/u);
    assert.match(evalError('7.5 % 2').message, /invalid operation: float64 % int/u);
  });

  test('`**` and `^` yield floats; mixing int and float yields a float', () => {
    assert.deepEqual(raw('2 ** 3'), new ExprFloat(8));
    assert.deepEqual(raw('2 ^ 0.5'), new ExprFloat(2 ** 0.5));
    assert.deepEqual(raw('1 + 1.0'), new ExprFloat(2));
    assert.equal(run('n + f'), 9.5);
    assert.equal(run('-n'), -7);
    assert.equal(run('+f'), 2.5);
  });

  test('the float type survives even for integral values, as `string()` shows', () => {
    assert.equal(run('string(1000000)'), '1000000');
    assert.equal(run('string(1000000.0)'), '1e+06');
    assert.equal(run('string(2.0)'), '2');
    assert.equal(run('string(10 / 4)'), '2.5');
    assert.equal(run('string(0.00001)'), '1e-05');
  });

  test('int overflow wraps at 64 bits like Go', () => {
    assert.equal(run('4611686018427387904 * 2'), -(2 ** 63));
    assert.equal(run('4611686018427387904 * 4'), 0);
  });
});

describe('evaluate: comparison and logic', () => {
  test('equality across int/float, strings, arrays and maps; mismatched kinds are unequal', () => {
    assert.equal(run('1 == 1.0'), true);
    assert.equal(run('"1" == 1'), false);
    assert.equal(run('[1, 2] == [1, 2]'), true);
    assert.equal(run('[1, 2] != [2, 1]'), true);
    assert.equal(run('{a: 1} == {a: 1}'), true);
    assert.equal(run('nil == nil'), true);
    assert.equal(run('nothing == nil'), true);
    assert.equal(run('s == "hello"'), true);
  });

  test('ordering of numbers and strings; mixed kinds fail', () => {
    assert.equal(run('1 < 2.5'), true);
    assert.equal(run('"abc" < "abd"'), true);
    assert.equal(run('1 < 2 < 3'), true);
    assert.equal(run('3 > 2 > 2'), false);
    assert.match(evalError('"a" < 1').message, /invalid operation: string < int/u);
  });

  test('and/or short-circuit; their left side must be a bool', () => {
    assert.equal(run('true && false'), false);
    assert.equal(run('false or true'), true);
    assert.equal(run('false && undefinedName'), false);
    assert.equal(run('true || undefinedName'), true);
    assert.equal(run('not false'), true);
    assert.equal(run('!(1 == 2)'), true);
    const error = evalError('s && true');
    assert.match(error.message, /string && \(the left side must be a bool\)/u);
    assert.deepEqual([error.offset, error.length], [0, 1]);
    assert.match(evalError('!s').message, /invalid operation: ! string/u);
  });

  test('ternary, elvis and if/else need a bool condition', () => {
    assert.equal(run('n > 5 ? "big" : "small"'), 'big');
    assert.equal(run('if n < 5 { "small" } else { "big" }'), 'big');
    assert.equal(run('false ?: true'), true);
    assert.match(evalError('s ? 1 : 2').message, /non-bool value \(type string\) used as condition/u);
  });

  test('`in` on arrays and map keys, nil on the right is false', () => {
    assert.equal(run('2 in xs'), true);
    assert.equal(run('2.0 in xs'), true);
    assert.equal(run('5 not in xs'), true);
    assert.equal(run('"my-key" in m'), true);
    assert.equal(run('"zzz" in m'), false);
    assert.equal(run('1 in nil'), false);
    assert.match(evalError('"a" in "abc"').message, /operator "in" not defined on string/u);
  });

  test('string operators, false on nil', () => {
    assert.equal(run('s contains "ell"'), true);
    assert.equal(run('s startsWith "he" and s endsWith "lo"'), true);
    assert.equal(run('s matches "^h.*o$"'), true);
    assert.equal(run('s matches "(?i)HELLO"'), true);
    assert.equal(run('s not matches "\\\\d"'), true);
    assert.equal(run('nothing contains "x"'), false);
    assert.match(evalError('s matches "("').message, /error parsing regexp/u);
    assert.match(evalError('s matches "(?=a)"').message, /lookaround/u);
  });

  test('nil coalescing only replaces nil', () => {
    assert.equal(run('nothing ?? "default"'), 'default');
    assert.equal(run('m.missing ?? 5'), 5);
    assert.equal(run('"" ?? "x"'), '');
    assert.equal(run('false ?? true'), false);
  });

  test('ranges are inclusive and bounded', () => {
    assert.deepEqual(run('1..4'), [1, 2, 3, 4]);
    assert.deepEqual(run('3..1'), []);
    assert.match(evalError('0..10000000').message, /memory budget exceeded/u);
  });

  test('strings concatenate with `+` but do not mix with numbers', () => {
    assert.equal(run('s + " world"'), 'hello world');
    assert.match(evalError('s + 1').message, /invalid operation: string \+ int/u);
  });
});

describe('evaluate: variables and member access', () => {
  test('members, brackets, negative indexes, slices and optional chaining', () => {
    assert.equal(run("inputs.parameters['my-param']"), 'x');
    assert.equal(run('m.nested.b'), true);
    assert.equal(run('xs[0] + xs[-1]'), 4);
    assert.deepEqual(run('xs[1:]'), [2, 3]);
    assert.deepEqual(run('xs[:-1]'), [1, 2]);
    assert.equal(run('s[1:3]'), 'el');
    assert.equal(run('nothing?.a.b.c'), null);
    assert.equal(run("nothing?.['a']"), null);
    assert.equal(run('m.missing'), null);
  });

  test('missing names, nil receivers and bad indexes fail with locations', () => {
    const unknown = evalError('1 + missingVar');
    assert.equal(unknown.message, 'unknown name missingVar');
    assert.deepEqual([unknown.offset, unknown.length], [4, 10]);
    assert.equal(unknown.code, 'SLIPWAY_EXPR_EVAL');
    assert.match(evalError('m.missing.x').message, /cannot fetch x from <nil>/u);
    assert.match(evalError('xs[5]').message, /index out of range: 5 \(array length is 3\)/u);
    assert.match(evalError('xs.foo').message, /cannot fetch foo/u);
    assert.match(evalError('m[1]').message, /cannot use int as a map key/u);
  });

  test('the hyphenated-name pitfall fails the way Argo does', () => {
    assert.equal(evalError('inputs.parameters.my-param').message, 'unknown name param');
  });

  test('let bindings shadow variables and sequences return the last value', () => {
    assert.equal(run('let n = 1; let k = n + 1; k * 10'), 20);
    assert.equal(run('1; 2; s'), 'hello');
  });

  test('maps and arrays build values; map keys can be expressions', () => {
    assert.deepEqual(run('{a: n, ("k" + "2"): [s]}'), { a: 7, k2: ['hello'] });
  });

  test('functions from the environment can be called', () => {
    assert.equal(run('double(21)', { double: (x: unknown) => (x as number) * 2 }), 42);
    const failing = evalError('boom()', {
      boom: () => {
        throw new TypeError('host failure');
      },
    });
    assert.equal(failing.message, 'host failure');
    assert.match(evalError('s(1)').message, /cannot call non-function of type string/u);
    assert.match(evalError('nothing()').message, /cannot call nil/u);
  });

  test('a runaway evaluation stops at the step budget', () => {
    assert.throws(
      () => evaluate(parseExpression('map(1..1000, map(1..1000, #))'), {}, { maxSteps: 10_000 }),
      /evaluation budget exceeded/u,
    );
  });
});
