import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DependsNode } from './ast';
import { DependsSyntaxError } from './errors';
import { MAX_DEPENDS_NESTING, parseDepends } from './parser';

function show(node: DependsNode): string {
  switch (node.type) {
    case 'task':
      return node.result ? `${node.name}.${node.result}` : node.name;
    case 'not':
      return `!${show(node.operand)}`;
    case 'group':
      return show(node.expression);
    case 'and':
    case 'or':
      return `(${node.operands.map(show).join(node.type === 'and' ? ' && ' : ' || ')})`;
  }
}

function syntaxError(text: string): DependsSyntaxError {
  try {
    parseDepends(text);
  } catch (error) {
    assert.ok(error instanceof DependsSyntaxError, `expected DependsSyntaxError for ${text}, got ${error}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseDepends: structure', () => {
  const cases: [string, string][] = [
    ['A', 'A'],
    ['A.Succeeded', 'A.Succeeded'],
    ['task-1.Failed', 'task-1.Failed'],
    ['my_task', 'my_task'],
    ['A && B && C', '(A && B && C)'],
    ['A || B && C', '(A || (B && C))'],
    ['A && B || C', '((A && B) || C)'],
    ['!A && B', '(!A && B)'],
    ['!(A && B)', '!(A && B)'],
    ['!!A', '!!A'],
    ['(A || B) && C', '((A || B) && C)'],
    [
      '(task-2.Succeeded || task-2.Skipped) && !task-3.Failed',
      '((task-2.Succeeded || task-2.Skipped) && !task-3.Failed)',
    ],
    ['task-1.AnySucceeded || task-2.AllFailed', '(task-1.AnySucceeded || task-2.AllFailed)'],
    ['A.Errored || A.Omitted || A.Daemoned', '(A.Errored || A.Omitted || A.Daemoned)'],
    ['  A\n&&\tB  ', '(A && B)'],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} parses as ${expected}`, () =>
      assert.equal(show(parseDepends(text)), expected));
  }

  test('nodes carry offsets; a task node also records the length of its name', () => {
    const text = '(a && b.Failed) || !c';
    const ast = parseDepends(text);
    assert.ok(ast.type === 'or');
    assert.deepEqual([ast.offset, ast.length], [0, text.length]);
    const [group, not] = ast.operands;
    assert.ok(group?.type === 'group' && not?.type === 'not');
    assert.equal(text.slice(group.offset, group.offset + group.length), '(a && b.Failed)');
    assert.equal(text.slice(not.offset, not.offset + not.length), '!c');
    assert.ok(group.expression.type === 'and');
    const failed = group.expression.operands[1];
    assert.ok(failed?.type === 'task');
    assert.deepEqual([failed.offset, failed.length, failed.nameLength], [6, 8, 1]);
  });
});

describe('parseDepends: errors', () => {
  const cases: [string, string, number, number][] = [
    ['', 'empty `depends` expression', 0, 0],
    ['  ', 'empty `depends` expression', 0, 2],
    ['A.Succeded', 'unknown task result `.Succeded`, did you mean `.Succeeded`?', 1, 9],
    ['A.succeeded', 'unknown task result `.succeeded`, did you mean `.Succeeded`?', 1, 10],
    ['A.Fail', 'unknown task result `.Fail`, did you mean `.Failed`?', 1, 5],
    ['A.Error', 'unknown task result `.Error`, did you mean `.Errored`?', 1, 6],
    ['A.Success', 'unknown task result `.Success`, did you mean `.Succeeded`?', 1, 8],
    ['A.AnySucceed', 'unknown task result `.AnySucceed`, did you mean `.AnySucceeded`?', 1, 11],
    [
      'A.Banana',
      'unknown task result `.Banana`, expected one of .Succeeded, .Failed, .Errored, .Skipped, .Omitted, .Daemoned, .AnySucceeded, .AllFailed',
      1,
      7,
    ],
    [
      'A.',
      'expected a task result after `A.`, one of .Succeeded, .Failed, .Errored, .Skipped, .Omitted, .Daemoned, .AnySucceeded, .AllFailed',
      1,
      1,
    ],
    ['A .Succeeded', 'a task result must directly follow its task name, as in `task.Succeeded`', 2, 10],
    ['(A && B', 'this `(` is never closed', 0, 1],
    ['((A) || B', 'this `(` is never closed', 0, 1],
    ['A && B)', 'this `)` has no matching `(`', 6, 1],
    ['A &&', 'expected a task name after `&&`, found the end of the expression', 2, 2],
    ['A || && B', 'expected a task name after `||`, found `&&`', 5, 2],
    ['&& A', 'expected a task name, found `&&`', 0, 2],
    ['!', 'expected a task name after `!`, found the end of the expression', 0, 1],
    ['()', 'empty parentheses: expected a task name inside `()`', 0, 1],
    ['A B', 'expected `&&` or `||` between `A` and `B`', 2, 1],
    ['(A) (B)', 'expected `&&` or `||` between `)` and `(`', 4, 1],
    ['A and B', '`and` is read as a task name; did you mean `&&`?', 2, 3],
    ['A & B', '`&` is not an operator; did you mean `&&`?', 2, 1],
    ['A | B', '`|` is not an operator; did you mean `||`?', 2, 1],
    [
      'A == B',
      'unexpected `=`: `depends` supports task names, `.Result` suffixes, `&&`, `||`, `!` and parentheses',
      2,
      1,
    ],
    [
      '1task',
      'task name `1task` begins with a digit; Argo rejects such task names when `depends` is used',
      0,
      5,
    ],
    [
      '-A',
      'unexpected `-`: `depends` supports task names, `.Result` suffixes, `&&`, `||`, `!` and parentheses',
      0,
      1,
    ],
    ['A.Succeeded.Failed', 'a task result must directly follow its task name, as in `task.Succeeded`', 11, 7],
    [
      'tâche',
      'unexpected `â`: `depends` supports task names, `.Result` suffixes, `&&`, `||`, `!` and parentheses',
      1,
      1,
    ],
  ];
  for (const [text, message, offset, length] of cases) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      const error = syntaxError(text);
      assert.equal(error.message, message);
      assert.deepEqual([error.offset, error.length], [offset, length]);
      assert.equal(error.code, 'SLIPWAY_DEPENDS_SYNTAX');
    });
  }

  test('nesting beyond the limit is a syntax error; long chains stay flat', () => {
    const deep = `${'('.repeat(MAX_DEPENDS_NESTING + 1)}A${')'.repeat(MAX_DEPENDS_NESTING + 1)}`;
    assert.match(syntaxError(deep).message, /nests deeper/);
    assert.match(syntaxError(`${'!'.repeat(MAX_DEPENDS_NESTING + 1)}A`).message, /nests deeper/);
    const chain = parseDepends(Array.from({ length: 5000 }, (_, i) => `t${i}`).join(' && '));
    assert.ok(chain.type === 'and');
    assert.equal(chain.operands.length, 5000);
  });
});
