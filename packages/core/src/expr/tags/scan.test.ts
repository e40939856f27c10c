import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanTemplate } from './scan';
import { TAG_PROBLEM_CODES } from './types';

describe('scanTemplate', () => {
  test('splits literals and simple tags with exact offsets', () => {
    const text = 'echo {{inputs.parameters.msg}} and {{ workflow.name }}!';
    const scan = scanTemplate(text);
    assert.equal(scan.tags.length, 2);
    const [first, second] = scan.tags;
    assert.deepEqual(first, {
      kind: 'simple',
      raw: '{{inputs.parameters.msg}}',
      inner: 'inputs.parameters.msg',
      start: 5,
      end: 30,
      innerStart: 7,
    });
    assert.equal(text.slice(first?.start, first?.end), first?.raw);
    assert.equal(
      text.slice(first?.innerStart, (first?.innerStart ?? 0) + (first?.inner.length ?? 0)),
      first?.inner,
    );
    assert.equal(second?.inner, ' workflow.name ');
    assert.equal(second?.start, 35);
    assert.deepEqual(
      scan.segments.map((s) => (s.type === 'literal' ? s.text : s.tag.raw)),
      ['echo ', '{{inputs.parameters.msg}}', ' and ', '{{ workflow.name }}', '!'],
    );
    assert.deepEqual(scan.problems, []);
  });

  test('an expression tag starts with `{{=` and its inner text excludes the `=`', () => {
    const scan = scanTemplate('x{{=asInt(a) + 1}}y');
    assert.deepEqual(scan.tags[0], {
      kind: 'expression',
      raw: '{{=asInt(a) + 1}}',
      inner: 'asInt(a) + 1',
      start: 1,
      end: 18,
      innerStart: 4,
    });
  });

  test('`{{ =x}}` is a simple tag: the `=` must follow the braces immediately', () => {
    assert.equal(scanTemplate('{{ =x}}').tags[0]?.kind, 'simple');
  });

  test('closures and maps inside an expression do not end the tag early', () => {
    const text = '{{=toJson(filter([1, 3], {# > 1}))}}';
    const scan = scanTemplate(text);
    assert.equal(scan.tags.length, 1);
    assert.equal(scan.tags[0]?.inner, 'toJson(filter([1, 3], {# > 1}))');
    assert.equal(scan.tags[0]?.end, text.length);
  });

  test('like Argo, the first `}}` ends the tag, even inside a string literal', () => {
    const scan = scanTemplate('{{= "a}}b" }}');
    assert.equal(scan.tags[0]?.inner, ' "a');
    assert.deepEqual(
      scan.segments.map((s) => (s.type === 'literal' ? s.text : s.tag.raw)),
      ['{{= "a}}', 'b" }}'],
    );
  });

  test('a map literal closed right before `}}` splits the tag and is reported', () => {
    const text = 'v={{={a: 1}}}';
    const scan = scanTemplate(text);
    assert.equal(scan.tags[0]?.inner, '{a: 1');
    assert.equal(scan.segments.at(-1)?.type, 'literal');
    assert.equal(scan.problems.length, 1);
    const problem = scan.problems[0];
    assert.equal(problem?.code, TAG_PROBLEM_CODES.splitBrace);
    assert.equal(problem?.offset, 10);
    assert.equal(text.slice(problem?.offset, (problem?.offset ?? 0) + (problem?.length ?? 0)), '}}}');
  });

  test('a balanced map followed by a space before `}}` is fine', () => {
    const scan = scanTemplate('{{= {a: 1} }}');
    assert.equal(scan.tags[0]?.inner, ' {a: 1} ');
    assert.deepEqual(scan.problems, []);
  });

  test('a brace inside a string literal does not count as unbalanced', () => {
    assert.deepEqual(scanTemplate("{{= '{' }}}").problems, []);
  });

  test('an unterminated `{{` is a problem and the rest stays literal', () => {
    const text = 'a {{b}} c {{d';
    const scan = scanTemplate(text);
    assert.equal(scan.tags.length, 1);
    assert.deepEqual(scan.problems, [
      {
        code: 'SLIPWAY_TAG_UNTERMINATED',
        severity: 'error',
        message: '`{{` is never closed by `}}`; Argo rejects the whole template',
        offset: 10,
        length: 2,
      },
    ]);
    assert.deepEqual(scan.segments.at(-1), { type: 'literal', text: ' c {{d', start: 7, end: 13 });
  });

  test('empty tags are reported as warnings', () => {
    const scan = scanTemplate('{{}} {{  }} {{=}}');
    assert.equal(scan.tags.length, 3);
    assert.deepEqual(
      scan.problems.map((p) => [p.code, p.offset, p.length, p.severity]),
      [
        ['SLIPWAY_TAG_EMPTY', 0, 4, 'warning'],
        ['SLIPWAY_TAG_EMPTY', 5, 6, 'warning'],
        ['SLIPWAY_TAG_EMPTY', 12, 5, 'warning'],
      ],
    );
  });

  test('nested `{{` inside a tag belongs to the tag, as in Argo', () => {
    const scan = scanTemplate('{{steps.{{inputs.parameters.n}}.outputs.result}}');
    assert.equal(scan.tags.length, 1);
    assert.equal(scan.tags[0]?.inner, 'steps.{{inputs.parameters.n');
    assert.equal(scan.segments.at(-1)?.type, 'literal');
  });

  test('`{{{x}}}` ends at the first `}}`', () => {
    const scan = scanTemplate('{{{x}}}');
    assert.equal(scan.tags[0]?.inner, '{x');
    assert.deepEqual(scan.segments.at(-1), { type: 'literal', text: '}', start: 6, end: 7 });
  });

  test('multi-line expression tags keep their offsets', () => {
    const text = 'value: {{=\n  map([1], {\n    # * 2\n  })[0]\n}}';
    const tag = scanTemplate(text).tags[0];
    assert.equal(tag?.kind, 'expression');
    assert.equal(tag?.innerStart, 10);
    assert.equal(tag?.end, text.length);
    assert.ok(tag?.inner.includes('# * 2'));
  });

  test('text without tags is one literal; empty text has no segments', () => {
    assert.deepEqual(scanTemplate('plain').segments, [{ type: 'literal', text: 'plain', start: 0, end: 5 }]);
    assert.deepEqual(scanTemplate(''), { segments: [], tags: [], problems: [] });
  });
});
