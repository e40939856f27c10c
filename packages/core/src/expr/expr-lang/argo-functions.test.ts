import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExprEvalError } from './errors';
import { evaluateExpression } from './evaluate-expression';
import { expandEnv } from './expand-env';
import { formatTagResult } from './format-result';
import { JsonPathError, queryJsonPath } from './jsonpath';

const config =
  '{"employees": [{"name": "Baris", "age":43},{"name": "Mo", "age": 42}, {"name": "Jai", "age" :44}]}';
const env = expandEnv({
  'inputs.parameters.foo': '3',
  'inputs.parameters.ratio': '0.25',
  'inputs.parameters.should-print': 'true',
  'workflow.parameters.config': config,
  'workflow.parameters.flat': '{"a": "1", "b": "2", "c": "3"}',
  'workflow.parameters.json': '[{"value":"true"}]',
  'workflow.parameters.weather': '{"weekWeather": "eyJ0ZW1wcyI6IFszNCwgMjcsIDE1LCA1NywgNDZdfQo="}',
  'workflow.creationTimestamp': '2024-03-04T05:06:07Z',
});
const run = (source: string, vars: Record<string, unknown> = env): unknown =>
  evaluateExpression(source, vars, { now: () => new Date('2025-06-07T08:09:10Z') });

describe("Argo's expression functions", () => {
  test('asInt and asFloat are expr-lang int and float', () => {
    assert.equal(run('asInt(inputs.parameters.foo) * 10'), 30);
    assert.equal(run('asFloat(inputs.parameters.ratio) * 4'), 1);
    assert.throws(() => run('asInt(inputs.parameters.ratio)'), /invalid operation: int\(0\.25\)/u);
    assert.throws(() => run('asInt()'), /invalid number of arguments for asInt/u);
  });

  test('toJson is compact JSON with sorted keys, unlike toJSON', () => {
    assert.equal(run('toJson(filter([1, 3], {# > 1}))'), '[3]');
    assert.equal(run('toJson({b: [1, 2], a: "x"})'), '{"a":"x","b":[1,2]}');
    assert.equal(run('toJson(1.5)'), '1.5');
  });

  test('the functions shadow variables of the same name, as Argo installs them last', () => {
    assert.equal(run('toJson([1])', { toJson: 'not a function' }), '[1]');
  });

  test('jsonpath on the corpus examples', () => {
    assert.equal(run("jsonpath(workflow.parameters.flat, '$.a')"), '1');
    assert.equal(run("jsonpath(workflow.parameters.json, '$[0].value') == 'true'"), true);
    assert.deepEqual(run("jsonpath(workflow.parameters.config, '$.employees[*].name')"), [
      'Baris',
      'Mo',
      'Jai',
    ]);
    assert.deepEqual(run("jsonpath(workflow.parameters.config, '$.employees[0:1]')"), [
      { name: 'Baris', age: 43 },
    ]);
    assert.deepEqual(
      run(`jsonpath(workflow.parameters.config, '$.employees[?(@.name=="Baris")].age')`),
      [43],
    );
    assert.deepEqual(
      run("jsonpath(workflow.parameters.config, '$.employees[?(@.age>42 && @.age<44)].age')"),
      [43],
    );
  });

  test('the verbose-snippets example computes avg/min/max through map, sprig and toJson', () => {
    const source = `map([
        jsonpath(sprig.b64dec(jsonpath(workflow.parameters.weather, '$.weekWeather')), '$.temps')
      ], {
        toJson({
          avg: sprig.add(#[0], #[1], #[2], #[3], #[4]) / 5,
          min: sprig.min(#[0], #[1], #[2], #[3], #[4]),
          max: sprig.max(#[0], #[1], #[2], #[3], #[4])
        })
      })[0]`;
    const weekTemps = run(source);
    assert.equal(weekTemps, '{"avg":35.8,"max":57,"min":15}');
    const withTemps = { inputs: { parameters: { 'week-temps': weekTemps } } };
    assert.equal(run("jsonpath(inputs.parameters['week-temps'], '$.avg')", withTemps), 35.8);
    assert.equal(formatTagResult(run("jsonpath(inputs.parameters['week-temps'], '$.min')", withTemps)), '15');
  });

  test('sprig.date formats the injected clock when the date is not a time value', () => {
    assert.equal(run("sprig.date('2006', workflow.creationTimestamp)"), '2025');
    assert.equal(
      run("asInt(inputs.parameters.foo) * 10 == 30 && sprig.date('2006-01-02', 0) == '1970-01-01'"),
      true,
    );
  });

  test('jsonpath failures are evaluation errors', () => {
    assert.throws(() => run("jsonpath('', '$.id')"), ExprEvalError);
    assert.throws(() => run("jsonpath('{}', '$.id')"), /key: invalid token key 'id' not found/u);
    assert.throws(() => run("jsonpath('{}', 'id')"), /expected `\$`/u);
  });
});

describe('queryJsonPath', () => {
  const data = { a: { b: [10, 20, 30], 'odd key': 1 }, list: [{ x: 1 }, { x: 2 }, { y: 3 }] };

  test('dot, bracket, index, negative index and length', () => {
    assert.deepEqual(queryJsonPath(data, '$.a.b'), [10, 20, 30]);
    assert.equal(queryJsonPath(data, "$['a']['odd key']"), 1);
    assert.equal(queryJsonPath(data, '$.a.b[1]'), 20);
    assert.equal(queryJsonPath(data, '$.a.b[-1]'), 30);
    assert.equal(queryJsonPath(data, '$.a.b.length'), 3);
    assert.equal(queryJsonPath(data, '$'), data);
  });

  test('wildcards, unions, ranges and recursive descent collect arrays, skipping misses', () => {
    assert.deepEqual(queryJsonPath(data, '$.list[*].x'), [1, 2]);
    assert.deepEqual(queryJsonPath(data, '$.a.b[0,2]'), [10, 30]);
    assert.deepEqual(queryJsonPath(data, '$.a.b[1:]'), [20, 30]);
    assert.deepEqual(queryJsonPath(data, '$.a.b[::2]'), [10, 30]);
    assert.deepEqual(queryJsonPath(data, '$..x'), [1, 2]);
    assert.deepEqual(queryJsonPath(data, '$.list[?(@.x)].x'), [1, 2]);
    assert.deepEqual(queryJsonPath(data, '$.list[?(@.x >= 2 || @.y == 3)]'), [{ x: 2 }, { y: 3 }]);
    assert.deepEqual(queryJsonPath(data, '$.list[?(!@.y)][1]'), { x: 2 });
  });

  test('errors for missing keys, out-of-range indexes and malformed paths', () => {
    assert.throws(() => queryJsonPath(data, '$.nope'), JsonPathError);
    assert.throws(() => queryJsonPath(data, '$.a.b[9]'), /out of range/u);
    assert.throws(() => queryJsonPath(data, '$.a[('), JsonPathError);
  });
});

describe('formatTagResult and expandEnv', () => {
  test('strings are inserted raw; other values as compact Go JSON; nil is unresolved', () => {
    assert.equal(formatTagResult('a "b"'), 'a "b"');
    assert.equal(formatTagResult(true), 'true');
    assert.equal(formatTagResult([1, 'x<y']), '[1,"x\\u003cy"]');
    assert.equal(formatTagResult({ b: 1, a: 2 }), '{"a":2,"b":1}');
    assert.equal(formatTagResult(null), undefined);
  });

  test('expandEnv nests dotted keys; the more specific key wins', () => {
    assert.deepEqual(expandEnv({ 'a.b': 1, 'a.c.d': 2, e: 3 }), { a: { b: 1, c: { d: 2 } }, e: 3 });
    assert.deepEqual(expandEnv({ 'inputs.parameters': '{"x":1}', 'inputs.parameters.x': '1' }), {
      inputs: { parameters: { x: '1' } },
    });
    assert.deepEqual(expandEnv({ a: 1, 'a-b': 2, 'a.b': 3 }), { a: { b: 3 }, 'a-b': 2 });
  });
});
