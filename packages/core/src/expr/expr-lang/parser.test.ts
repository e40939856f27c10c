import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExprNode } from './ast';
import { parseExpression } from './parser';

/** A compact s-expression of the tree, to state precedence and shape in one line. */
function show(node: ExprNode): string {
  switch (node.kind) {
    case 'nil':
      return 'nil';
    case 'bool':
    case 'integer':
      return String(node.value);
    case 'float':
      return `${node.value}f`;
    case 'string':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'pointer':
      return `#${node.name}`;
    case 'array':
      return `[${node.elements.map(show).join(' ')}]`;
    case 'map':
      return `{${node.entries.map((e) => `${show(e.key)}:${show(e.value)}`).join(' ')}}`;
    case 'member':
      return `(${node.optional ? '?.' : '.'} ${show(node.object)} ${show(node.property)})`;
    case 'slice':
      return `(slice ${show(node.object)} ${node.from ? show(node.from) : '_'} ${node.to ? show(node.to) : '_'})`;
    case 'call':
      return `(call ${show(node.callee)}${node.args.map((a) => ` ${show(a)}`).join('')})`;
    case 'builtin':
      return `(${node.name}${node.args.map((a) => ` ${show(a)}`).join('')})`;
    case 'predicate':
      return `{${show(node.body)}}`;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'conditional':
      return `(? ${show(node.test)} ${show(node.consequent)} ${show(node.alternate)})`;
    case 'let':
      return `(let ${node.name} ${show(node.value)} ${show(node.body)})`;
    case 'sequence':
      return `(; ${node.expressions.map(show).join(' ')})`;
  }
}

const parsed = (source: string): string => show(parseExpression(source));

describe('parseExpression: literals', () => {
  test('numbers in every base, with underscores, floats and exponents', () => {
    assert.equal(parsed('42'), '42');
    assert.equal(parsed('1_000'), '1000');
    assert.equal(parsed('0x1F'), '31');
    assert.equal(parsed('0o17'), '15');
    assert.equal(parsed('0b101'), '5');
    assert.equal(parsed('1.5'), '1.5f');
    assert.equal(parsed('.5'), '0.5f');
    assert.equal(parsed('1e3'), '1000f');
    assert.equal(parsed('2.5E-1'), '0.25f');
  });

  test('strings with both quotes, escapes and raw backquotes', () => {
    assert.equal(parseExpression(`'it\\'s'`).kind, 'string');
    assert.deepEqual(
      ['"a\\nb"', "'a\\tb'", '"\\x41\\u00e9\\U0001F600"', '"\\101"', '`raw \\n ``q``"`', '"\\u{1F600}"'].map(
        (s) => (parseExpression(s) as { value: string }).value,
      ),
      ['a\nb', 'a\tb', 'Aé😀', 'A', 'raw \\n `q`"', '😀'],
    );
  });

  test('true, false and nil', () => {
    assert.equal(parsed('[true, false, nil]'), '[true false nil]');
  });

  test('arrays and maps, with trailing commas and every kind of key', () => {
    assert.equal(parsed('[1, "a", [2],]'), '[1 "a" [2]]');
    assert.equal(parsed(`{a: 1, "b": 2, 'c': 3, 4: 5, (k): 6,}`), '{"a":1 "b":2 "c":3 "4":5 k:6}');
    assert.equal(parsed('{}'), '{}');
  });

  test('comments are ignored', () => {
    assert.equal(parsed('1 + /* two */ 2 // trailing'), '(+ 1 2)');
  });
});

describe('parseExpression: precedence and associativity', () => {
  const cases: Array<[string, string]> = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
    ['2 ^ 3', '(^ 2 3)'],
    ['-2 ** 2', '(- (** 2 2))'],
    ['a or b and c', '(or a (and b c))'],
    ['a || b && c', '(|| a (&& b c))'],
    ['not a == b', '(== (not a) b)'],
    ['!a && b', '(&& (! a) b)'],
    ['a == b and c != d', '(and (== a b) (!= c d))'],
    ['1..3 == x', '(== (.. 1 3) x)'],
    ['1 + 1..5', '(.. (+ 1 1) 5)'],
    ['a % 2 == 0', '(== (% a 2) 0)'],
    ['x in [1, 2]', '(in x [1 2])'],
    ['x not in y', '(not (in x y))'],
    ['s not contains "a"', '(not (contains s "a"))'],
    [
      's matches "^a" or s startsWith "b" or s endsWith "c"',
      '(or (or (matches s "^a") (startsWith s "b")) (endsWith s "c"))',
    ],
    ['1 < 2 < 3', '(&& (< 1 2) (< 2 3))'],
    ['a ?? b', '(?? a b)'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['x + a ?? b', '(+ x (?? a b))'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a == 1 ? "x" : "y"', '(? (== a 1) "x" "y")'],
    ['a ?: b', '(? a a b)'],
    ['+x - -y', '(- (+ x) (- y))'],
  ];
  for (const [source, expected] of cases) {
    test(source, () => assert.equal(parsed(source), expected));
  }
});

describe('parseExpression: member access, calls and closures', () => {
  test('dots, optional chaining and brackets', () => {
    assert.equal(parsed('a.b.c'), '(. (. a "b") "c")');
    assert.equal(parsed('a?.b'), '(?. a "b")');
    assert.equal(parsed("a?.['b']"), '(?. a "b")');
    assert.equal(parsed("inputs.parameters['my-param']"), '(. (. inputs "parameters") "my-param")');
    assert.equal(
      parsed("steps['flip-coin'].outputs.result"),
      '(. (. (. steps "flip-coin") "outputs") "result")',
    );
    assert.equal(parsed('a[0][i + 1]'), '(. (. a 0) (+ i 1))');
    assert.equal(parsed('a.not'), '(. a "not")');
  });

  test('slices with either bound', () => {
    assert.equal(parsed('a[1:3]'), '(slice a 1 3)');
    assert.equal(parsed('a[:2]'), '(slice a _ 2)');
    assert.equal(parsed('a[1:]'), '(slice a 1 _)');
    assert.equal(parsed('a[:]'), '(slice a _ _)');
  });

  test('calls of env functions, namespaced Sprig functions and methods', () => {
    assert.equal(parsed('asInt(x)'), '(call asInt x)');
    assert.equal(parsed('sprig.trim(x)'), '(call (. sprig "trim") x)');
    assert.equal(parsed('(now() - t).Seconds() > 360'), '(> (call (. (- (now) t) "Seconds")) 360)');
    assert.equal(parsed('f(a, b,)'), '(call f a b)');
  });

  test('builtins become builtin nodes; closures bind #, #index, #acc and .field', () => {
    assert.equal(parsed('len(x)'), '(len x)');
    assert.equal(parsed('filter([1, 3], {# > 1})'), '(filter [1 3] {(> # 1)})');
    assert.equal(parsed('map(xs, # * 2)'), '(map xs {(* # 2)})');
    assert.equal(parsed('all(xs, .ok)'), '(all xs {(. # "ok")})');
    assert.equal(parsed('map(xs, {#.name})'), '(map xs {(. # "name")})');
    assert.equal(parsed('map(xs, #index)'), '(map xs {#index})');
    assert.equal(parsed('reduce(xs, #acc + #, 0)'), '(reduce xs {(+ #acc #)} 0)');
    assert.equal(parsed('count(xs)'), '(count xs)');
    assert.equal(parsed('sortBy(xs, .age, "desc")'), '(sortBy xs {(. # "age")} "desc")');
    assert.equal(parsed('map(xs, {toJson({a: #})})'), '(map xs {(call toJson {"a":#})})');
  });

  test('pipes pass the left side as the first argument', () => {
    assert.equal(parsed('x | fromJSON() | join(",")'), '(join (fromJSON x) ",")');
    assert.equal(parsed('xs | filter(# > 1)'), '(filter xs {(> # 1)})');
    assert.equal(parsed('a | f(b)'), '(call f a b)');
  });

  test('let bindings, sequences and if/else', () => {
    assert.equal(parsed('let x = 1; x + 1'), '(let x 1 (+ x 1))');
    assert.equal(parsed('let x = 1; let y = 2; x + y'), '(let x 1 (let y 2 (+ x y)))');
    assert.equal(parsed('1; 2'), '(; 1 2)');
    assert.equal(parsed('if a { 1 } else if b { 2 } else { 3 }'), '(? a 1 (? b 2 3))');
  });
});

describe('parseExpression: source offsets', () => {
  test('every node spans its source text', () => {
    const source = 'asInt(inputs.parameters.x) * 10 > y';
    const ast = parseExpression(source);
    const text = (n: ExprNode): string => source.slice(n.offset, n.offset + n.length);
    assert.equal(text(ast), source);
    assert.equal(ast.kind, 'binary');
    if (ast.kind !== 'binary' || ast.left.kind !== 'binary') throw new Error('unexpected shape');
    assert.equal(text(ast.left), 'asInt(inputs.parameters.x) * 10');
    assert.equal(text(ast.left.left), 'asInt(inputs.parameters.x)');
    assert.equal(source.slice(ast.operatorOffset, ast.operatorOffset + ast.operatorLength), '>');
    const call = ast.left.left;
    if (call.kind !== 'call') throw new Error('unexpected shape');
    assert.equal(text(call.args[0] as ExprNode), 'inputs.parameters.x');
  });

  test('parenthesised operands are included in the enclosing span', () => {
    const source = '(a + b) * c';
    const ast = parseExpression(source);
    assert.equal(ast.offset, 0);
    assert.equal(ast.length, source.length);
  });
});
