import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hyphenatedNameHints } from './hyphen-hint';
import { parseExpression } from './parser';
import { referencedVariables } from './variables';

/** Each reference as `path@source-text` (with `?` when guarded), to state offsets compactly. */
function refs(source: string): string[] {
  return referencedVariables(parseExpression(source)).map(
    (r) => `${r.path.join('/')}@${source.slice(r.offset, r.offset + r.length)}${r.guarded ? '?' : ''}`,
  );
}

describe('referencedVariables', () => {
  test('member chains and constant string indexes fold into one path', () => {
    assert.deepEqual(refs("inputs.parameters['my-param'] == 'x'"), [
      "inputs/parameters/my-param@inputs.parameters['my-param']",
    ]);
    assert.deepEqual(refs("steps['flip-coin'].outputs.result"), [
      "steps/flip-coin/outputs/result@steps['flip-coin'].outputs.result",
    ]);
    assert.deepEqual(refs('workflow.status'), ['workflow/status@workflow.status']);
  });

  test('a dynamic or numeric index ends the path; the index expression is read too', () => {
    assert.deepEqual(refs('tasks.a.outputs.parameters[i].value'), [
      'tasks/a/outputs/parameters@tasks.a.outputs.parameters',
      'i@i',
    ]);
    assert.deepEqual(refs('items[0].name'), ['items@items']);
  });

  test('function names, Argo functions, closure pointers and let bindings are not variables', () => {
    assert.deepEqual(refs('asInt(inputs.parameters.n) + len(xs)'), [
      'inputs/parameters/n@inputs.parameters.n',
      'xs@xs',
    ]);
    assert.deepEqual(refs("sprig.trim(jsonpath(workflow.parameters.json, '$.a'))"), [
      'workflow/parameters/json@workflow.parameters.json',
    ]);
    assert.deepEqual(refs('filter(items, {#.size > limit && .name != ""})'), ['items@items', 'limit@limit']);
    assert.deepEqual(refs('let total = a + b; total * c'), ['a@a', 'b@b', 'c@c']);
    assert.deepEqual(refs('let a = 1; a'), []);
  });

  test('method calls read their receiver only', () => {
    assert.deepEqual(refs('(now() - cronworkflow.lastScheduledTime).Seconds() > 360'), [
      'cronworkflow/lastScheduledTime@cronworkflow.lastScheduledTime',
    ]);
  });

  test('references through ?. or on the left of ?? are guarded', () => {
    assert.deepEqual(refs("get(item, 'type') ?? 'always'"), ['item@item?']);
    assert.deepEqual(refs('a?.b.c ?? d.e'), ['a/b/c@a?.b.c?', 'd/e@d.e']);
  });

  test('every construct is walked', () => {
    assert.deepEqual(refs('{k: a, (b): [c]}[d:e] ? (f in g) : h; -i..j'), [
      'a@a',
      'b@b',
      'c@c',
      'd@d',
      'e@e',
      'f@f',
      'g@g',
      'h@h',
      'i@i',
      'j@j',
    ]);
  });
});

describe('hyphenatedNameHints', () => {
  const hints = (source: string): string[] =>
    hyphenatedNameHints(parseExpression(source), source).map((h) => `${h.written} => ${h.suggestion}`);

  test('dotted names with hyphens get the bracketed spelling', () => {
    assert.deepEqual(hints('inputs.parameters.my-param'), [
      "inputs.parameters.my-param => inputs.parameters['my-param']",
    ]);
    assert.deepEqual(hints('steps.flip-coin.outputs.result == "heads"'), [
      "steps.flip-coin.outputs.result => steps['flip-coin'].outputs.result",
    ]);
    assert.deepEqual(hints('asInt(inputs.parameters.retry-limit-2) + 1'), [
      "inputs.parameters.retry-limit-2 => inputs.parameters['retry-limit-2']",
    ]);
  });

  test('several hints in one expression, including after a `+`', () => {
    assert.deepEqual(hints('a.b-c + x.y-z'), ["a.b-c => a['b-c']", "x.y-z => x['y-z']"]);
    assert.deepEqual(hints('n + tasks.my-task.outputs.result'), [
      "tasks.my-task.outputs.result => tasks['my-task'].outputs.result",
    ]);
  });

  test('spaced subtraction and non-member operands are left alone', () => {
    assert.deepEqual(hints('a.b - c'), []);
    assert.deepEqual(hints('a.b -c'), []);
    assert.deepEqual(hints('x-y'), []);
    assert.deepEqual(hints('asInt(a.b)-1'), []);
    assert.deepEqual(hints("inputs.parameters['my-param']"), []);
  });

  test('hints carry offsets and the intended path', () => {
    const source = 'x == inputs.parameters.my-param';
    const [hint] = hyphenatedNameHints(parseExpression(source), source);
    assert.equal(hint?.offset, 5);
    assert.equal(hint?.length, 26);
    assert.deepEqual(hint?.path, ['inputs', 'parameters', 'my-param']);
  });
});
