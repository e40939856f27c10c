import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WhenNode } from './ast';
import { checkWhenTemplate, type WhenTemplateCheck } from './template';

function ok(check: WhenTemplateCheck): WhenNode | undefined {
  assert.ok(check.ok, check.ok ? '' : check.error.message);
  return check.ast;
}

function failure(check: WhenTemplateCheck) {
  assert.ok(!check.ok, 'expected a syntax error');
  return check.error;
}

describe('checkWhenTemplate', () => {
  test('tags become placeholder words at the same offsets', () => {
    const text = '{{steps.flip-coin.outputs.result}} == heads';
    const check = checkWhenTemplate(text);
    const ast = ok(check);
    assert.ok(ast?.type === 'binary');
    assert.ok(ast.left.type === 'word');
    assert.equal(ast.left.template, true);
    assert.deepEqual([ast.left.offset, ast.left.length], [0, 34]);
    assert.deepEqual(check.tags, [
      { offset: 0, length: 34, text: '{{steps.flip-coin.outputs.result}}', expression: false },
    ]);
  });

  test('a placeholder may stand where only a number or boolean could go', () => {
    ok(checkWhenTemplate('!{{inputs.parameters.skip}}'));
    ok(checkWhenTemplate('-{{inputs.parameters.n}} < 0'));
    ok(checkWhenTemplate('{{steps.a.outputs.result}} < {{inputs.parameters.limit}}'));
    ok(checkWhenTemplate('5{{inputs.parameters.digits}} > 3'));
    ok(checkWhenTemplate('{{a}}.{{b}} == c'));
  });

  test('expression tags and quotes inside tags do not leak into the expression', () => {
    const text = `"{{= get(item, 'type') ?? 'always' }}" in ("{{= join(x, '","') }}","")`;
    const check = checkWhenTemplate(text);
    ok(check);
    assert.deepEqual(
      check.tags.map((tag) => tag.expression),
      [true, true],
    );
    ok(checkWhenTemplate("{{=inputs.parameters['may-contain-quotes'] == 'example'}}"));
  });

  test('an empty when is fine and has no AST', () => {
    const check = checkWhenTemplate('');
    assert.equal(ok(check), undefined);
  });

  test('syntax errors point into the original text and quote the original tag', () => {
    const text = '{{steps.a.outputs.result}} == heads &&';
    const error = failure(checkWhenTemplate(text));
    assert.equal(error.offset, 36);
    assert.equal(text.slice(error.offset, error.offset + error.length), '&&');

    const adjacent = failure(checkWhenTemplate('{{a}} {{b}}'));
    assert.match(adjacent.message, /between the template tag `\{\{a\}\}` and the template tag `\{\{b\}\}`/);
    assert.deepEqual([adjacent.offset, adjacent.length], [6, 5]);

    const word = failure(checkWhenTemplate('{{a}} == my value'));
    assert.deepEqual([word.offset, word.length], [12, 5]);
  });

  test('an unclosed tag is reported at its opening braces', () => {
    const error = failure(checkWhenTemplate('x == {{steps.a.outputs.result'));
    assert.match(error.message, /unclosed template tag/);
    assert.deepEqual([error.offset, error.length], [5, 2]);
  });

  test('text around tags is still checked as govaluate would', () => {
    assert.match(failure(checkWhenTemplate('{{x}} == 1.2.3')).message, /version number must be quoted/);
    assert.match(failure(checkWhenTemplate('{{x}} = y')).message, /did you mean `==`/);
    assert.match(failure(checkWhenTemplate('({{x}} == y')).message, /never closed/);
    ok(checkWhenTemplate('"{{x}}" =~ "^v[0-9]+"'));
  });
});
