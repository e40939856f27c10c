import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simpleTagName } from './simple-tag-name';
import { substituteTemplate } from './substitute';
import type { TemplateTag } from './types';

const vars: Record<string, string> = {
  'inputs.parameters.msg': 'hello',
  'workflow.name': 'wf-1',
  'inputs.parameters.n': 'flip',
  'steps.flip.outputs.result': 'heads',
};
const byName = (tag: TemplateTag): string | undefined => vars[simpleTagName(tag.inner).name];

describe('substituteTemplate', () => {
  test('replaces resolved simple tags and keeps the surrounding text', () => {
    const result = substituteTemplate('say {{inputs.parameters.msg}} from {{ workflow.name }}', byName);
    assert.equal(result.text, 'say hello from wf-1');
    assert.deepEqual(result.unresolved, []);
  });

  test('leaves unresolved tags exactly as written and lists them', () => {
    const result = substituteTemplate('{{inputs.parameters.msg}} {{ tasks.a.outputs.result }}', byName);
    assert.equal(result.text, 'hello {{ tasks.a.outputs.result }}');
    assert.deepEqual(
      result.unresolved.map((t) => t.raw),
      ['{{ tasks.a.outputs.result }}'],
    );
  });

  test('expression tags go to the expression resolver, or stay when there is none', () => {
    const text = 'n={{=asInt(x) + 1}} m={{inputs.parameters.msg}}';
    assert.equal(substituteTemplate(text, byName).text, 'n={{=asInt(x) + 1}} m=hello');
    const seen: string[] = [];
    const result = substituteTemplate(text, byName, {
      expression: (tag) => {
        seen.push(tag.inner);
        return '42';
      },
    });
    assert.equal(result.text, 'n=42 m=hello');
    assert.deepEqual(seen, ['asInt(x) + 1']);
  });

  test('an expression resolver returning undefined leaves the tag', () => {
    const result = substituteTemplate('{{=a}}', byName, { expression: () => undefined });
    assert.equal(result.text, '{{=a}}');
    assert.equal(result.unresolved[0]?.kind, 'expression');
  });

  test('values are inserted verbatim, including quotes, newlines and braces', () => {
    const result = substituteTemplate('[{{x}}]', () => '"a"\n{{y}}');
    assert.equal(result.text, '["a"\n{{y}}]');
  });

  test('a nested tag resolves its inner part first, as Argo does, leaving a tag for the next pass', () => {
    const first = substituteTemplate('{{steps.{{inputs.parameters.n}}.outputs.result}}', byName);
    assert.equal(first.text, '{{steps.flip.outputs.result}}');
    assert.equal(substituteTemplate(first.text, byName).text, 'heads');
  });

  test('nested resolution can be switched off', () => {
    const text = '{{steps.{{inputs.parameters.n}}.outputs.result}}';
    assert.equal(substituteTemplate(text, byName, { nested: false }).text, text);
  });

  test('an unterminated tag keeps the rest of the text and reports the problem', () => {
    const result = substituteTemplate('{{workflow.name}} {{oops', byName);
    assert.equal(result.text, 'wf-1 {{oops');
    assert.equal(result.problems[0]?.code, 'SLIPWAY_TAG_UNTERMINATED');
  });
});
