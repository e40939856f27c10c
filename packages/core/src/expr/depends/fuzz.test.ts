import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SlipwayError } from '../../errors';
import { DependsSyntaxError } from './errors';
import { dependsOutlook, evaluateDepends } from './evaluate';
import type { NodePhase, TaskOutcome } from './outcome';
import { parseDepends } from './parser';
import { TASK_RESULTS } from './results';
import { dependsTasks } from './tasks';

const RUNS = { numRuns: 500 };
const TASKS = ['A', 'B', 'c-d'];
const PHASES: NodePhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'];
const FINISHED: NodePhase[] = ['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'];

const PIECES = [
  ...TASKS,
  ' ',
  '.',
  '.Succeeded',
  '.Failed',
  '.Succeded',
  '.AllFailed',
  '.x',
  '&&',
  '||',
  '&',
  '|',
  '!',
  '(',
  ')',
  '1',
  '-',
  '_',
  '=',
  'and',
  '\t',
  'é',
];

const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));
const anyText = fc.string({ maxLength: 30, unit: 'binary' });

function onlyOwnErrors(text: string): void {
  try {
    const ast = parseDepends(text);
    for (const reference of dependsTasks(ast)) {
      assert.equal(text.slice(reference.offset, reference.offset + reference.length), reference.name);
    }
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    assert.ok(error instanceof DependsSyntaxError, `unexpected ${error.name}`);
    assert.ok(error.offset >= 0 && error.length >= 0 && error.offset + error.length <= text.length);
  }
}

type Tree =
  | { op: 'task'; text: string }
  | { op: '!'; operand: Tree }
  | { op: '&&' | '||'; left: Tree; right: Tree };

const operand = fc
  .tuple(fc.constantFrom(...TASKS), fc.option(fc.constantFrom(...TASK_RESULTS), { nil: undefined }))
  .map(([name, result]): Tree => ({ op: 'task', text: result ? `${name}.${result}` : name }));

const tree = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    operand,
    tie('tree').map((child): Tree => ({ op: '!', operand: child })),
    fc
      .tuple(tie('tree'), fc.constantFrom('&&' as const, '||' as const), tie('tree'))
      .map(([left, op, right]): Tree => ({ op, left, right })),
  ),
})).tree;

function render(t: Tree): string {
  if (t.op === 'task') return t.text;
  if (t.op === '!') return t.operand.op === 'task' ? `!${t.operand.text}` : `!(${render(t.operand)})`;
  const side = (child: Tree, right: boolean) =>
    (t.op === '&&' && child.op === '||') || (right && child.op === t.op)
      ? `(${render(child)})`
      : render(child);
  return `${side(t.left, false)} ${t.op} ${side(t.right, true)}`;
}

/** An independent reading of dag.go: flags from the phase, then the tree's boolean value. */
function truth(t: Tree, outcomes: Record<string, TaskOutcome>): boolean {
  if (t.op === '!') return !truth(t.operand, outcomes);
  if (t.op !== 'task') {
    return t.op === '&&'
      ? truth(t.left, outcomes) && truth(t.right, outcomes)
      : truth(t.left, outcomes) || truth(t.right, outcomes);
  }
  const [name = '', result] = t.text.split('.');
  const o = outcomes[name] as TaskOutcome;
  const daemoned = o.daemoned === true && o.phase !== 'Pending';
  const children = o.children ?? [];
  const values: Record<string, boolean> = {
    Succeeded: o.phase === 'Succeeded',
    Failed: o.phase === 'Failed',
    Errored: o.phase === 'Error',
    Skipped: o.phase === 'Skipped',
    Omitted: o.phase === 'Omitted',
    Daemoned: daemoned,
    AnySucceeded: children.includes('Succeeded'),
    AllFailed: children.length > 0 && children.every((c) => c === 'Failed'),
  };
  if (result !== undefined) return values[result] as boolean;
  return o.phase === 'Succeeded' || o.phase === 'Skipped' || daemoned;
}

const outcome = (phases: NodePhase[]) =>
  fc.record({
    phase: fc.constantFrom(...phases),
    daemoned: fc.boolean(),
    children: fc.option(fc.array(fc.constantFrom(...PHASES), { maxLength: 3 }), { nil: undefined }),
  });

const outcomes = (phases: NodePhase[]) =>
  fc.record({ A: outcome(phases), B: outcome(phases), 'c-d': outcome(phases) });

describe('depends fuzzing', () => {
  test('token soup and arbitrary text only ever raise DependsSyntaxError', () => {
    fc.assert(fc.property(soup, onlyOwnErrors), RUNS);
    fc.assert(fc.property(anyText, onlyOwnErrors), RUNS);
  });

  test('deep nesting is refused with a syntax error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 5000 }), fc.constantFrom('(', '!', '!('), (depth, open) => {
        const text = `${open.repeat(depth)}A${')'.repeat(open.includes('(') ? depth : 0)}`;
        onlyOwnErrors(text);
      }),
      { numRuns: 20 },
    );
  });

  test('with every dependency fulfilled, the decision is the expression’s value', () => {
    fc.assert(
      fc.property(tree, outcomes(FINISHED), (t, known) => {
        const text = render(t);
        const decision = evaluateDepends(parseDepends(text), (name) => known[name as keyof typeof known]);
        assert.equal(decision.status, truth(t, known) ? 'run' : 'omit', text);
      }),
      RUNS,
    );
  });

  test('a settled outlook never changes however the unfinished tasks end', () => {
    fc.assert(
      fc.property(tree, outcomes(PHASES), outcomes(FINISHED), (t, now, later) => {
        const ast = parseDepends(render(t));
        const current = (name: string) => now[name as keyof typeof now];
        const outlook = dependsOutlook(ast, current);
        if (outlook === 'undecided') return;
        // Finish only the tasks that are still running; fulfilled ones keep their outcome.
        const finished = (name: string) => {
          const o = current(name);
          return o.phase === 'Pending' || (o.phase === 'Running' && !o.daemoned)
            ? later[name as keyof typeof later]
            : o;
        };
        assert.equal(evaluateDepends(ast, finished).status, outlook);
      }),
      RUNS,
    );
  });
});
