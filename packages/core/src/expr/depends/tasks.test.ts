import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateDepends } from './evaluate';
import type { TaskOutcome } from './outcome';
import { parseDepends } from './parser';
import { suggestTaskResult } from './results';
import { dependenciesToDepends, dependsTasks } from './tasks';

describe('dependsTasks', () => {
  test('lists every reference in source order with the span of its name', () => {
    const text = '(build.Succeeded || build.Skipped) && !lint-go && test_unit';
    const references = dependsTasks(parseDepends(text));
    assert.deepEqual(
      references.map((r) => [r.name, r.offset, r.length]),
      [
        ['build', 1, 5],
        ['build', 20, 5],
        ['lint-go', 39, 7],
        ['test_unit', 50, 9],
      ],
    );
    for (const r of references) assert.equal(text.slice(r.offset, r.offset + r.length), r.name);
  });
});

describe('dependenciesToDepends', () => {
  test('joins names with && as Argo documents', () => {
    assert.equal(dependenciesToDepends(['A', 'B', 'C']), 'A && B && C');
    assert.equal(dependenciesToDepends(['only']), 'only');
    assert.equal(dependenciesToDepends([]), '');
  });

  test('the result evaluates like Argo’s expansion of `dependencies`, continueOn included', () => {
    const ast = parseDepends(dependenciesToDepends(['A', 'B']));
    const outcomes: Record<string, TaskOutcome> = {
      A: { phase: 'Skipped' },
      B: { phase: 'Failed', continueOn: { failed: true } },
    };
    assert.equal(evaluateDepends(ast, (t) => outcomes[t]).status, 'run');
    const stopped: Record<string, TaskOutcome> = { A: { phase: 'Succeeded' }, B: { phase: 'Failed' } };
    assert.equal(evaluateDepends(ast, (t) => stopped[t]).status, 'omit');
  });
});

describe('suggestTaskResult', () => {
  test('finds the intended result for typos, other cases and abbreviations', () => {
    const cases: [string, string | undefined][] = [
      ['Succeded', 'Succeeded'],
      ['SUCCEEDED', 'Succeeded'],
      ['Sucess', 'Succeeded'],
      ['Skip', 'Skipped'],
      ['Omit', 'Omitted'],
      ['Daemon', 'Daemoned'],
      ['AllFail', 'AllFailed'],
      ['anysucceeded', 'AnySucceeded'],
      ['Xyzzy', undefined],
    ];
    for (const [word, expected] of cases) assert.equal(suggestTaskResult(word), expected, word);
  });
});
