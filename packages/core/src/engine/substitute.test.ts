import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TemplateRunError } from './errors';
import {
  LENIENT,
  MissingReferenceError,
  STEP_TASK_REFS,
  STRICT,
  substituteDeep,
  substituteString,
} from './substitute';
import { MapVariables } from './variables';

const vars = new MapVariables({
  'inputs.parameters.name': 'world',
  'inputs.parameters.my-param': '41',
  'steps.a.outputs.result': 'heads',
  'steps.skipped.outputs.parameters.msg': null,
  'workflow.name': 'wf',
});
const at = { now: Date.UTC(2024, 0, 1) };

describe('substitution', () => {
  test('simple tags are looked up verbatim (outer whitespace trimmed); unknown ones stay in lenient mode', () => {
    assert.equal(substituteString('hello {{ inputs.parameters.name }}', vars, LENIENT, at), 'hello world');
    assert.equal(substituteString('{{nope}} and {{workflow.name}}', vars, LENIENT, at), '{{nope}} and wf');
  });

  test('expression tags evaluate with expr-lang; late-bound variables stay for later', () => {
    assert.equal(substituteString("{{=asInt(inputs.parameters['my-param']) + 1}}", vars, LENIENT, at), '42');
    assert.equal(substituteString('{{=sprig.upper(steps.a.outputs.result)}}', vars, LENIENT, at), 'HEADS');
    assert.equal(substituteString('{{=[1, 2]}}', vars, LENIENT, at), '[1,2]');
    assert.equal(substituteString('{{=item + 1}}', vars, LENIENT, at), '{{=item + 1}}');
    assert.equal(substituteString('{{=unknown.thing}}', vars, LENIENT, at), '{{=unknown.thing}}');
    assert.throws(() => substituteString('{{=1 +}}', vars, LENIENT, at), TemplateRunError);
  });

  test('strict mode fails on anything unresolved', () => {
    assert.throws(() => substituteString('{{nope}}', vars, STRICT, at), /failed to resolve \{\{nope\}\}/u);
    assert.throws(() => substituteString('{{=nope}}', vars, STRICT, at), /nope is missing/u);
  });

  test('step/task references must resolve; other tags may stay', () => {
    assert.equal(
      substituteString('{{item}} {{steps.a.outputs.result}}', vars, STEP_TASK_REFS, at),
      '{{item}} heads',
    );
    assert.throws(
      () => substituteString('{{steps.b.outputs.result}}', vars, STEP_TASK_REFS, at),
      MissingReferenceError,
    );
    assert.equal(
      substituteString('{{steps.b.outputs.artifacts.x}}', vars, STEP_TASK_REFS, at),
      '{{steps.b.outputs.artifacts.x}}',
    );
  });

  test('absent optionals fail simple tags but are nil in expressions', () => {
    assert.throws(
      () => substituteString('{{steps.skipped.outputs.parameters.msg}}', vars, LENIENT, at),
      /absent optional/u,
    );
    assert.equal(
      substituteString("{{=steps.skipped.outputs.parameters.msg ?? 'fallback'}}", vars, STEP_TASK_REFS, at),
      'fallback',
    );
  });

  test('deep substitution shares what does not change', () => {
    const template = { a: { b: ['{{workflow.name}}'] }, c: { d: 'plain' }, '{{workflow.name}}-key': 1 };
    const out = substituteDeep(template, vars, LENIENT, at);
    assert.deepEqual(out, { a: { b: ['wf'] }, c: { d: 'plain' }, 'wf-key': 1 });
    assert.equal(out.c, template.c);
  });

  test('an unterminated tag is an error, as in Argo', () => {
    assert.throws(() => substituteString('oops {{workflow.name', vars, LENIENT, at), /Cannot find end tag/u);
  });
});
