import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WhenNode } from './ast';
import { WhenSyntaxError } from './errors';
import { MAX_WHEN_DEPTH, MAX_WHEN_NESTING, parseWhen } from './parser';

/** Fully parenthesised rendering, to make precedence and associativity visible. */
function show(node: WhenNode): string {
  switch (node.type) {
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'string':
      return `'${node.value}'`;
    case 'time':
      return `time(${node.text})`;
    case 'word':
      return node.value;
    case 'accessor':
      return `${node.path.join('.')}${node.args ? `(${show(node.args)})` : ''}`;
    case 'unary':
      return `(${node.operator}${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case 'group':
      return show(node.expression);
    case 'list':
      return `[${node.items.map(show).join(', ')}]`;
  }
}

function syntaxError(source: string): WhenSyntaxError {
  try {
    parseWhen(source);
  } catch (error) {
    assert.ok(error instanceof WhenSyntaxError, `expected WhenSyntaxError for ${source}, got ${error}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} not to parse`);
}

describe('parseWhen: structure', () => {
  const cases: [string, string][] = [
    ['a == b', '(a == b)'],
    ['!true && false', '((!true) && false)'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c && d', '((a && b) || (c && d))'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['1 + 2 * 3 == 7', '((1 + (2 * 3)) == 7)'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['2 ** 3 ** 2', '((2 ** 3) ** 2)'],
    ['-2 ** 2', '((-2) ** 2)'],
    ['1 + 2 & 3', '((1 + 2) & 3)'],
    ['1 << 2 + 1', '(1 << (2 + 1))'],
    ['1 & 2 == 0', '((1 & 2) == 0)'],
    ['a == b == c', '((a == b) == c)'],
    ['!(a == b)', '(!(a == b))'],
    ['x =~ hea', '(x =~ hea)'],
    ["x =~ '^a.*'", "(x =~ '^a.*')"],
    ['a in (a, b, c)', '(a in [a, b, c])'],
    ['t ? 1 : 2', '((t ? 1) : 2)'],
    ['a ?? b', '(a ?? b)'],
    ['a || b ? c : d', '(((a || b) ? c) : d)'],
    ["'2020-01-02' < x", '(time(2020-01-02) < x)'],
    ['Foo.Bar(1, 2) == x', '(Foo.Bar([1, 2]) == x)'],
    ['Foo.Bar() == x', '(Foo.Bar == x)'],
    ['[my value] == x', '(my value == x)'],
    ['((a))', 'a'],
    ['a, b', '[a, b]'],
  ];
  for (const [source, expected] of cases) {
    test(`${source} parses as ${expected}`, () => {
      assert.equal(show(parseWhen(source)), expected);
    });
  }

  test('every node carries the offset and length of its source text', () => {
    const source = " ( heads == 'x' ) && !flag.Ok";
    const ast = parseWhen(source);
    const texts: string[] = [];
    const walk = (node: WhenNode): void => {
      texts.push(source.slice(node.offset, node.offset + node.length));
      if (node.type === 'binary') {
        walk(node.left);
        walk(node.right);
      } else if (node.type === 'unary') walk(node.operand);
      else if (node.type === 'group') walk(node.expression);
    };
    walk(ast);
    assert.deepEqual(texts, [
      "( heads == 'x' ) && !flag.Ok",
      "( heads == 'x' )",
      "heads == 'x'",
      'heads',
      "'x'",
      '!flag.Ok',
      'flag.Ok',
    ]);
    assert.ok(ast.type === 'binary');
    assert.equal(ast.operatorOffset, 18);
  });

  test('a string or bare word right after =~ is flagged as a pattern', () => {
    const ast = parseWhen("a =~ 'x' && b !~ y && c == 'z'");
    const patterns: boolean[] = [];
    const walk = (node: WhenNode): void => {
      if (node.type === 'string' || node.type === 'word') patterns.push(node.pattern);
      if (node.type === 'binary') {
        walk(node.left);
        walk(node.right);
      }
    };
    walk(ast);
    assert.deepEqual(patterns, [false, true, false, true, false, false]);
  });
});

describe('parseWhen: errors', () => {
  const cases: [string, RegExp, number, number][] = [
    ['', /empty `when` expression/, 0, 0],
    ['   ', /empty `when` expression/, 0, 3],
    ['(a == b', /this `\(` is never closed/, 0, 1],
    ['a == b)', /this `\)` has no matching `\(`/, 6, 1],
    [') a (', /no matching `\(`/, 0, 1],
    ['a ==', /expected a value after `==`, found the end/, 2, 2],
    ['a &&', /expected a value after `&&`, found the end/, 2, 2],
    ['a && || b', /expected a value after `&&`, found `\|\|`/, 5, 2],
    ['== a', /expected a value at the start of the expression, found `==`/, 0, 2],
    ['a b', /expected an operator between the bare word `a` \(a string\) and the bare word `b`/, 2, 1],
    ['!heads', /`!` cannot be applied to the bare word `heads`/, 1, 5],
    ["-'x'", /`-` cannot be applied to the string 'x'/, 1, 3],
    ['! !true', /cannot follow another prefix operator/, 2, 1],
    ['foo(1)', /looks like a function call/, 3, 1],
    ['(a) b', /expected an operator after `\)`, found `b`/, 4, 1],
    ['(a &&)', /expected a value after `&&`, found `\)`/, 5, 1],
    ['()', /empty parentheses/, 0, 2],
    ["1 + '2020-01-01'", /a date string cannot be an arithmetic operand/, 4, 12],
    ["a =~ 'b' ? 1 : 2", /`\?` right after the string 'b'/, 9, 1],
    ["a =~ '('", /invalid regular expression `\(`/, 5, 3],
    ['a =~ x(', /looks like a function call|never closed/, 6, 1],
    ['x =~ ^a.*', /`a\.` ends with a dot/, 6, 2],
    ['a =~ (?=x)', /unexpected `\?=`/, 6, 2],
  ];
  for (const [source, message, offset, length] of cases) {
    test(`rejects ${JSON.stringify(source)}`, () => {
      const error = syntaxError(source);
      assert.match(error.message, message);
      assert.deepEqual([error.offset, error.length], [offset, length]);
      assert.equal(error.code, 'SLIPWAY_WHEN_SYNTAX');
    });
  }

  test('nesting beyond the limit is a syntax error, not a stack overflow', () => {
    const deep = `${'('.repeat(MAX_WHEN_NESTING + 1)}a${')'.repeat(MAX_WHEN_NESTING + 1)}`;
    assert.match(syntaxError(deep).message, /nests deeper/);
    const ok = `${'('.repeat(MAX_WHEN_NESTING)}a${')'.repeat(MAX_WHEN_NESTING)}`;
    assert.equal(parseWhen(ok).type, 'group');
    const chain = Array.from({ length: MAX_WHEN_DEPTH + 1 }, () => 'a').join(' && ');
    assert.match(syntaxError(chain).message, /too complex/);
  });
});
