import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SlipwayError } from '../../errors';
import { WhenEvalError, WhenSyntaxError } from './errors';
import { evaluateWhen } from './evaluate';
import { parseWhen } from './parser';
import { checkWhenTemplate } from './template';

const RUNS = { numRuns: 500 };

const PIECES = [
  ' ',
  'a',
  'heads',
  'Foo.Bar',
  'v1.2',
  '1',
  '0x1f',
  '.5',
  '2.',
  "'x'",
  '"y"',
  "'2021-01-01'",
  '[b c]',
  'true',
  'false',
  'in',
  '(',
  ')',
  ',',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=~',
  '!~',
  '&&',
  '||',
  '!',
  '-',
  '+',
  '*',
  '/',
  '%',
  '**',
  '&',
  '|',
  '^',
  '<<',
  '>>',
  '~',
  '?',
  ':',
  '??',
  '\\',
  '{{x}}',
  '{{= y }}',
  '_',
  '=',
  '😀',
  'é',
  "'(",
  '\n',
];

const tokenSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));
const anyText = fc.string({ maxLength: 30, unit: 'binary' });
const SEEDS = [
  '{{steps.flip-coin.outputs.result}} == heads',
  '( {{a}} == heads && {{b}} == tails ) || ( {{a}} == tails && {{b}} == tails )',
  "{{x}} =~ hea && '{{y}}' !~ '^t'",
  '{{inputs.parameters.num}} != 1 && {{inputs.parameters.num}} != 2',
  '"{{= get(item, \'type\') ?? \'always\' }}" in ("{{= x }}","")',
  'a in (a, b) ? 1 + 2 * 3 == 7 : -4 ** 2 >= ~1 << 2',
];

/** Inserts, deletes or replaces a few characters of a seed. */
const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...PIECES)), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const [at, remove, insert] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + remove);
    }
    return text;
  });

function onlyOwnErrors(run: () => unknown, source: string): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    assert.ok(error instanceof WhenSyntaxError || error instanceof WhenEvalError, `unexpected ${error.name}`);
    assert.ok(error.offset >= 0 && error.length >= 0, 'span is not negative');
    assert.ok(
      error.offset + error.length <= source.length,
      `span ${error.offset}+${error.length} inside ${source.length}`,
    );
  }
}

function neverThrowsForeign(text: string): void {
  onlyOwnErrors(() => parseWhen(text), text);
  onlyOwnErrors(() => evaluateWhen(text), text);
  const check = checkWhenTemplate(text);
  if (!check.ok) {
    assert.ok(check.error instanceof WhenSyntaxError);
    assert.ok(check.error.offset + check.error.length <= text.length);
  }
}

type BoolTree =
  | { op: 'leaf'; text: string; value: boolean }
  | { op: '!'; operand: BoolTree }
  | { op: '&&' | '||'; left: BoolTree; right: BoolTree };

const leaf = fc.oneof(
  fc.boolean().map((b): BoolTree => ({ op: 'leaf', text: String(b), value: b })),
  fc
    .tuple(
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
      fc.integer({ min: -5, max: 5 }),
    )
    .map(([a, op, b]): BoolTree => {
      const value = { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '==': a === b, '!=': a !== b }[op];
      return { op: 'leaf', text: `${a} ${op} ${b}`, value };
    }),
  fc
    .tuple(
      fc.constantFrom('x', 'y', "'x'"),
      fc.constantFrom('==', '!=', '=~'),
      fc.constantFrom('x', 'y', '"y"'),
    )
    .map(([a, op, b]): BoolTree => {
      const [l, r] = [a.replace(/'/g, ''), b.replace(/"/g, '')];
      return { op: 'leaf', text: `${a} ${op} ${b}`, value: op === '!=' ? l !== r : l === r };
    }),
);

const boolTree = fc.letrec<{ tree: BoolTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('tree').map((operand): BoolTree => ({ op: '!', operand })),
    fc
      .tuple(tie('tree'), fc.constantFrom('&&' as const, '||' as const), tie('tree'))
      .map(([left, op, right]): BoolTree => ({ op, left, right })),
  ),
})).tree;

const truth = (t: BoolTree): boolean =>
  t.op === 'leaf'
    ? t.value
    : t.op === '!'
      ? !truth(t.operand)
      : t.op === '&&'
        ? truth(t.left) && truth(t.right)
        : truth(t.left) || truth(t.right);

/** Renders with only the parentheses precedence requires (`!` > comparisons > `&&` > `||`). */
function render(t: BoolTree): string {
  if (t.op === 'leaf') return t.text;
  if (t.op === '!')
    return t.operand.op === 'leaf' && /^(true|false)$/.test(t.operand.text)
      ? `!${t.operand.text}`
      : `!(${render(t.operand)})`;
  const side = (child: BoolTree, right: boolean) =>
    (t.op === '&&' && child.op === '||') || (right && child.op === t.op)
      ? `(${render(child)})`
      : render(child);
  return `${side(t.left, false)} ${t.op} ${side(t.right, true)}`;
}

describe('when fuzzing', () => {
  test('token soup never escapes as a foreign exception', () => {
    fc.assert(fc.property(tokenSoup, neverThrowsForeign), RUNS);
  });

  test('arbitrary text never escapes as a foreign exception', () => {
    fc.assert(fc.property(anyText, neverThrowsForeign), RUNS);
  });

  test('mutated real-world expressions never escape as foreign exceptions', () => {
    fc.assert(fc.property(mutated, neverThrowsForeign), RUNS);
  });

  test('deep nesting is refused with a syntax error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3000 }), fc.constantFrom('(', '!(', '-('), (depth, open) => {
        const text = `${open.repeat(depth)}1${')'.repeat(depth)}`;
        onlyOwnErrors(() => evaluateWhen(text), text);
      }),
      { numRuns: 20 },
    );
  });

  test('minimally parenthesised boolean expressions evaluate to their tree’s truth value', () => {
    fc.assert(
      fc.property(boolTree, (tree) => {
        const text = render(tree);
        assert.equal(evaluateWhen(text), truth(tree), text);
      }),
      RUNS,
    );
  });
});
