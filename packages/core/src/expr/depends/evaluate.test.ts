import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dependsOutlook, evaluateDepends, type TaskLookup } from './evaluate';
import { isTaskFulfilled, type NodePhase, type TaskOutcome, taskResultFlags } from './outcome';
import { parseDepends } from './parser';
import { TASK_RESULTS, type TaskResult } from './results';

const lookupFrom =
  (outcomes: Record<string, TaskOutcome>): TaskLookup =>
  (task) =>
    outcomes[task];

const decide = (text: string, outcomes: Record<string, TaskOutcome>) =>
  evaluateDepends(parseDepends(text), lookupFrom(outcomes));

const FINISHED: NodePhase[] = ['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'];

describe('each task result against each finished phase', () => {
  // Rows: phase; columns: which of the six phase-based results is true (dag.go's TaskResults).
  const expected: Record<NodePhase, TaskResult[]> = {
    Succeeded: ['Succeeded'],
    Failed: ['Failed'],
    Error: ['Errored'],
    Skipped: ['Skipped'],
    Omitted: ['Omitted'],
    Pending: [],
    Running: [],
  };
  for (const phase of FINISHED) {
    for (const result of TASK_RESULTS) {
      const holds = expected[phase].includes(result);
      test(`A.${result} with A ${phase} → ${holds ? 'run' : 'omit'}`, () => {
        assert.deepEqual(decide(`A.${result}`, { A: { phase } }), { status: holds ? 'run' : 'omit' });
      });
    }
  }
});

describe('a bare task name', () => {
  const bare: Record<string, boolean> = {
    Succeeded: true,
    Skipped: true,
    Failed: false,
    Error: false,
    Omitted: false,
  };
  for (const [phase, runs] of Object.entries(bare)) {
    test(`means Succeeded || Skipped || Daemoned: A ${phase} → ${runs ? 'run' : 'omit'}`, () => {
      assert.equal(decide('A', { A: { phase: phase as NodePhase } }).status, runs ? 'run' : 'omit');
    });
  }

  test('accepts a daemoned task once it is past Pending, even while Running', () => {
    assert.equal(decide('A', { A: { phase: 'Running', daemoned: true } }).status, 'run');
    assert.equal(decide('A.Daemoned', { A: { phase: 'Running', daemoned: true } }).status, 'run');
    assert.equal(decide('A.Succeeded', { A: { phase: 'Running', daemoned: true } }).status, 'omit');
    assert.deepEqual(decide('A', { A: { phase: 'Pending', daemoned: true } }), {
      status: 'wait',
      waitingOn: ['A'],
    });
    assert.equal(decide('A.Daemoned', { A: { phase: 'Succeeded', daemoned: true } }).status, 'run');
  });

  test('is widened by the depended-on task’s continueOn, as Argo expands `dependencies`', () => {
    const failed: TaskOutcome = { phase: 'Failed', continueOn: { failed: true } };
    const errored: TaskOutcome = { phase: 'Error', continueOn: { error: true } };
    assert.equal(decide('A', { A: failed }).status, 'run');
    assert.equal(decide('A', { A: errored }).status, 'run');
    assert.equal(decide('A', { A: { phase: 'Error', continueOn: { failed: true } } }).status, 'omit');
    assert.equal(decide('A', { A: { phase: 'Failed', continueOn: { error: true } } }).status, 'omit');
    // An explicit result is not widened: continueOn only changes the bare-name default.
    assert.equal(decide('A.Succeeded', { A: failed }).status, 'omit');
    assert.equal(
      decide('A', { A: { phase: 'Omitted', continueOn: { failed: true, error: true } } }).status,
      'omit',
    );
  });
});

describe('aggregate results of looped tasks', () => {
  const group = (children: (NodePhase | undefined)[]): TaskOutcome => ({ phase: 'Failed', children });
  const cases: [(NodePhase | undefined)[], boolean, boolean][] = [
    [['Succeeded', 'Failed'], true, false],
    [['Failed', 'Failed'], false, true],
    [['Failed', 'Error'], false, false],
    [['Skipped', 'Skipped'], false, false],
    [['Failed', undefined], false, false],
    [['Succeeded', undefined], true, false],
    [[], false, false],
  ];
  for (const [children, any, all] of cases) {
    test(`children ${JSON.stringify(children)}: AnySucceeded ${any}, AllFailed ${all}`, () => {
      assert.equal(decide('A.AnySucceeded', { A: group(children) }).status, any ? 'run' : 'omit');
      assert.equal(decide('A.AllFailed', { A: group(children) }).status, all ? 'run' : 'omit');
    });
  }

  test('an ordinary task has neither aggregate', () => {
    const flags = taskResultFlags({ phase: 'Succeeded' });
    assert.equal(flags.AnySucceeded, false);
    assert.equal(flags.AllFailed, false);
  });
});

describe('waiting and boolean logic', () => {
  test('waits while any referenced task is unfulfilled, even if the answer is already known', () => {
    const outcomes: Record<string, TaskOutcome> = { A: { phase: 'Succeeded' }, B: { phase: 'Running' } };
    assert.deepEqual(decide('A || B', outcomes), { status: 'wait', waitingOn: ['B'] });
    assert.deepEqual(decide('C && (B || C.Failed)', outcomes), { status: 'wait', waitingOn: ['C', 'B'] });
  });

  test('a finished pod whose result is not synced, or whose hooks run, is not fulfilled', () => {
    assert.equal(decide('A', { A: { phase: 'Succeeded', taskResultSynced: false } }).status, 'wait');
    assert.equal(decide('A', { A: { phase: 'Succeeded', hooksFulfilled: false } }).status, 'wait');
    assert.equal(isTaskFulfilled({ phase: 'Skipped' }), true);
    assert.equal(isTaskFulfilled({ phase: 'Pending' }), false);
    assert.equal(isTaskFulfilled({ phase: undefined }), false);
    assert.equal(isTaskFulfilled(undefined), false);
  });

  test('operators combine results', () => {
    const outcomes: Record<string, TaskOutcome> = {
      A: { phase: 'Succeeded' },
      B: { phase: 'Failed' },
      C: { phase: 'Skipped' },
    };
    const table: [string, 'run' | 'omit'][] = [
      ['A && B', 'omit'],
      ['A && B.Failed', 'run'],
      ['A || B', 'run'],
      ['!B', 'run'],
      ['!A', 'omit'],
      ['!B.Failed || C.Skipped', 'run'],
      ['!(A && C)', 'omit'],
      ['B || !A && C', 'omit'],
      ['(B || !A) && C', 'omit'],
      ['B.Failed && (C.Succeeded || C.Skipped)', 'run'],
      ['!!A', 'run'],
    ];
    for (const [text, status] of table) assert.equal(decide(text, outcomes).status, status, text);
  });
});

describe('dependsOutlook', () => {
  const outcomes: Record<string, TaskOutcome> = { A: { phase: 'Succeeded' }, B: { phase: 'Running' } };
  const lookup = lookupFrom(outcomes);
  const cases: [string, 'run' | 'omit' | 'undecided'][] = [
    ['A || B', 'run'],
    ['A.Failed && B', 'omit'],
    ['A && B', 'undecided'],
    ['!B', 'undecided'],
    ['!A || B.Failed', 'undecided'],
    ['A', 'run'],
    ['!(A.Failed && B)', 'run'],
    ['Unknown || A.Failed', 'undecided'],
  ];
  for (const [text, expected] of cases) {
    test(`${text} → ${expected}`, () => assert.equal(dependsOutlook(parseDepends(text), lookup), expected));
  }
});
