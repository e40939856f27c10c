import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ExprEvalError, ExprSyntaxError } from './errors';
import { evaluate } from './evaluate';
import { formatTagResult } from './format-result';
import { GoJsonError } from './go-format';
import { hyphenatedNameHints } from './hyphen-hint';
import { parseExpression } from './parser';
import { referencedVariables } from './variables';

const env: Record<string, unknown> = {
  inputs: { parameters: { x: '3', 'my-param': 'a,b', json: '{"a": [1, 2.5, "z"], "b": {"c": null}}' } },
  workflow: { parameters: { data: '[{"id": 1}, {"id": 2}]' }, status: 'Succeeded' },
  xs: [3, 1, 2],
  words: ['b', 'a'],
  m: { a: 1, b: [true, false] },
  n: 7,
  f: 2.5,
  s: 'hello',
  nothing: null,
  t: new Date('2024-01-01T00:00:00Z'),
};

const seeds = [
  'asInt(inputs.parameters.x) * 10 + len(xs)',
  'filter(xs, {# > 1}) | map(# * 2) | sum()',
  "inputs.parameters['my-param'] == 'a,b' ? split(s, 'l') : []",
  "jsonpath(inputs.parameters.json, '$.a[*]')",
  "toJson({k: m.b, v: sprig.trim(' x '), w: sprig.add(n, '2')})",
  "let y = n ** 2; y > 10 && s startsWith 'he' || nothing ?? false",
  "sortBy(map(1..5, { {n: #, odd: # % 2 == 1} }), .n, 'desc')[0:2]",
  "reduce(words, #acc + #, '') not in ['ab'] and all(m.b, # or !#)",
  "(now() - t).Hours() > 1 and string(f) matches '^2\\\\.5$'",
  'fromJSON(workflow.parameters.data)[-1].id ?? count(xs, # == 1)',
  "{a: [1, 2.0, nil], 'b': xs?.[0], (s): upper(s)}",
  "sprig.regexReplaceAll('(l+)', s, '<$1>') + sprig.quote(n, f)",
];

const exprChars = fc.constantFrom(
  ...'abcxyz019 ._-+*/%^!=<>?:#,;()[]{}\'"`|&@$\\\n'.split(''),
  'and ',
  'not ',
  'in ',
  '..',
  '??',
  '?.',
  '**',
);

const tokens = fc.constantFrom(
  'xs',
  'm',
  'n',
  'f',
  's',
  'nothing',
  'inputs.parameters',
  "['x']",
  '.a',
  '1',
  '2.5',
  '"str"',
  'nil',
  'true',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '<',
  '..',
  '??',
  'and',
  'or',
  'not',
  'in',
  'matches',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '|',
  'len(',
  'map(',
  'filter(',
  'sprig.trim(',
  'toJson(',
  'asInt(',
  'let v = 1;',
);

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.nat(),
    fc.nat({ max: 4 }),
    fc.string({ unit: exprChars, maxLength: 3 }),
  )
  .map(([seed, at, drop, insert]) => {
    const i = at % (seed.length + 1);
    return seed.slice(0, i) + insert + seed.slice(i + drop);
  });

/** Grammatical expressions over the environment, so most runs get past the parser into the evaluator. */
const { wellFormed } = fc.letrec<{ wellFormed: string }>((tie) => {
  const sub = tie('wellFormed');
  const leaf = fc.oneof(
    fc.constantFrom(
      'xs',
      'words',
      'm',
      'm.b',
      'n',
      'f',
      's',
      'nothing',
      't',
      'inputs.parameters.x',
      '#',
      '#index',
    ),
    fc.integer({ min: -5, max: 100 }).map(String),
    fc.double({ min: -100, max: 100, noNaN: true }).map((d) => `${d.toFixed(2)}`),
    fc.constantFrom('"a"', "'1,2'", '""', 'nil', 'true', 'false', '[]', '{}'),
  );
  const op = fc.constantFrom(
    '+',
    '-',
    '*',
    '/',
    '%',
    '**',
    '==',
    '!=',
    '<',
    '>=',
    'and',
    '||',
    'in',
    'not in',
    '..',
    '??',
    'contains',
    'matches',
  );
  const fn = fc.constantFrom(
    'len',
    'string',
    'int',
    'float',
    'upper',
    'trim',
    'first',
    'last',
    'keys',
    'toJSON',
    'fromJSON',
    'abs',
    'max',
    'sort',
    'reverse',
    'uniq',
    'flatten',
    'toJson',
    'asInt',
    'asFloat',
    'sprig.toString',
    'sprig.int',
    'sprig.list',
    'sprig.default',
    'sprig.trim',
    'sprig.add',
    'sprig.toJson',
    'type',
  );
  const closureFn = fc.constantFrom(
    'map',
    'filter',
    'all',
    'any',
    'count',
    'find',
    'sum',
    'groupBy',
    'sortBy',
    'one',
  );
  return {
    wellFormed: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(sub, op, sub).map(([a, o, b]) => `(${a} ${o} ${b})`),
      fc.tuple(fc.constantFrom('-', 'not ', '!'), sub).map(([o, a]) => `${o}${a}`),
      fc.tuple(fn, fc.array(sub, { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(closureFn, sub, sub).map(([f, a, b]) => `${f}(${a}, {${b}})`),
      fc.tuple(sub, sub, sub).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
      fc.tuple(sub, sub).map(([a, b]) => `${a}[${b}]`),
      fc.tuple(sub, fc.constantFrom('.a', '?.b', '[1:]', '[:2]')).map(([a, b]) => `${a}${b}`),
      fc.array(sub, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.tuple(sub, sub).map(([a, b]) => `{k: ${a}, (string(${b})): 1}`),
      fc.tuple(sub, sub).map(([a, b]) => `let q = ${a}; ${b}`),
    ),
  };
});

const anyExpression = fc.oneof(
  wellFormed,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: exprChars, maxLength: 40 }),
  fc.array(tokens, { maxLength: 16 }).map((parts) => parts.join(' ')),
  mutated,
);

/** Parse and evaluate, asserting that only the two expression error types ever escape. */
function exercise(source: string): void {
  let ast: ReturnType<typeof parseExpression>;
  try {
    ast = parseExpression(source);
  } catch (error) {
    assert.ok(error instanceof ExprSyntaxError, `parse threw ${String(error)} for ${JSON.stringify(source)}`);
    assert.ok(error.offset >= 0 && error.offset <= source.length);
    return;
  }
  referencedVariables(ast);
  hyphenatedNameHints(ast, source);
  try {
    const value = evaluate(ast, env, {
      now: () => new Date('2025-01-01T00:00:00Z'),
      random: () => 0.5,
      maxSteps: 50_000,
    });
    try {
      formatTagResult(value);
    } catch (error) {
      assert.ok(error instanceof GoJsonError, `formatting threw ${String(error)}`);
    }
  } catch (error) {
    assert.ok(
      error instanceof ExprEvalError,
      `evaluate threw ${String(error)} for ${JSON.stringify(source)}`,
    );
    assert.doesNotMatch(error.message, /^internal error/u, `${JSON.stringify(source)}: ${error.message}`);
  }
}

test('fuzz: the seed expressions themselves evaluate', () => {
  for (const seed of seeds) {
    assert.doesNotThrow(
      () => evaluate(parseExpression(seed), env, { now: () => new Date('2025-01-01T00:00:00Z') }),
      seed,
    );
  }
});

test('fuzz: parsing and evaluating arbitrary text only ever fails with expression errors', () => {
  fc.assert(
    fc.property(anyExpression, (source) => exercise(source)),
    { numRuns: 500 },
  );
});

test('fuzz: deep nesting of any construct is a syntax error, never a stack overflow', () => {
  const openers = fc.constantFrom('(', '[', '-', '!', 'not ', 'f(', '{a: ', 'map(xs, {', 'x.', 'a ? b : ');
  fc.assert(
    fc.property(openers, fc.integer({ min: 300, max: 5000 }), (opener, depth) => {
      const source = `${opener.repeat(depth)}1`;
      try {
        parseExpression(source);
      } catch (error) {
        assert.ok(error instanceof ExprSyntaxError, `threw ${String(error)} for ${opener} × ${depth}`);
      }
    }),
    { numRuns: 40 },
  );
});
