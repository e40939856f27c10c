import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateRaw } from '../expr-lang/evaluate';
import { evaluateExpression } from '../expr-lang/evaluate-expression';
import { parseExpression } from '../expr-lang/parser';
import { ExprFloat } from '../expr-lang/values';
import { sprigCalls } from './calls';
import { isSprigFunction, isSprigImplemented, SPRIG_FUNCTIONS, suggestSprigFunction } from './table';

const env = { list: ['b', 'a', 'c'], dict: { a: 1, b: '' }, s: '  hi  ' };
const run = (source: string): unknown => evaluateExpression(source, env);

describe('sprig string functions', () => {
  test('trim family takes the subject last', () => {
    assert.equal(run('sprig.trim(s)'), 'hi');
    assert.equal(run('sprig.trimAll("$", "$5.00$")'), '5.00');
    assert.equal(run('sprig.trimPrefix("v", "v1.2")'), '1.2');
    assert.equal(run('sprig.trimSuffix(".tgz", "app.tgz")'), 'app');
    assert.equal(run('sprig.nospace("a b\\tc")'), 'abc');
  });

  test('case functions', () => {
    assert.equal(run('sprig.upper("abc")'), 'ABC');
    assert.equal(run('sprig.lower("ABC")'), 'abc');
    assert.equal(run('sprig.title("hello wide-world")'), 'Hello Wide-World');
    assert.equal(run('sprig.untitle("Hello")'), 'hello');
    assert.equal(run('sprig.swapcase("aB")'), 'Ab');
  });

  test('search, replace, repeat, substr, trunc', () => {
    assert.equal(run('sprig.replace("bar", "baz", "foobar bar")'), 'foobaz baz');
    assert.equal(run('sprig.contains("ob", "foobar")'), true);
    assert.equal(run('sprig.hasPrefix("foo", "foobar") && sprig.hasSuffix("bar", "foobar")'), true);
    assert.equal(run('sprig.repeat(3, "ab")'), 'ababab');
    assert.equal(run('sprig.substr(1, 3, "hello")'), 'el');
    assert.equal(run('sprig.substr(-1, 2, "hello")'), 'he');
    assert.equal(run('sprig.substr(2, 99, "hello")'), 'llo');
    assert.equal(run('sprig.trunc(3, "hello")'), 'hel');
    assert.equal(run('sprig.trunc(-2, "hello")'), 'lo');
    assert.equal(run('sprig.abbrev(5, "hello world")'), 'he...');
    assert.equal(run('sprig.initials("First Try")'), 'FT');
    assert.equal(run('sprig.plural("one", "many", 2)'), 'many');
  });

  test('quoting, cat and indentation', () => {
    assert.equal(run('sprig.quote("a\\"b", 1, nil)'), '"a\\"b" "1"');
    assert.equal(run('sprig.squote("a", 2)'), "'a' '2'");
    assert.equal(run('sprig.cat("a", 1, nil, [2, 3])'), 'a 1 [2 3]');
    assert.equal(run('sprig.indent(2, "a\\nb")'), '  a\n  b');
    assert.equal(run('sprig.nindent(1, "a")'), '\n a');
  });

  test('split, splitList, splitn, join, sortAlpha, toStrings', () => {
    assert.deepEqual(run('sprig.split("/", "a/b")'), { _0: 'a', _1: 'b' });
    assert.deepEqual(run('sprig.splitList(",", "a,b,c")'), ['a', 'b', 'c']);
    assert.deepEqual(run('sprig.splitn("/", 2, "a/b/c")'), { _0: 'a', _1: 'b/c' });
    assert.equal(run('sprig.join("-", [1, "a", nil, true])'), '1-a-true');
    assert.equal(run('sprig.join(",", "solo")'), 'solo');
    assert.deepEqual(run('sprig.sortAlpha(list)'), ['a', 'b', 'c']);
    assert.deepEqual(run('sprig.toStrings([1, 2.5, nil])'), ['1', '2.5']);
  });

  test('encodings and hashes', () => {
    assert.equal(run('sprig.b64enc("hello")'), 'aGVsbG8=');
    assert.equal(run('sprig.b64dec("aGVsbG8=")'), 'hello');
    assert.equal(run('sprig.b64dec("not base64!")'), 'illegal base64 data at input byte 3');
    assert.equal(run('sprig.b32enc("hi")'), 'NBUQ====');
    assert.equal(run('sprig.b32dec("NBUQ====")'), 'hi');
    assert.equal(
      run('sprig.sha256sum("abc")'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    assert.equal(run('sprig.sha1sum("abc")'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(run('sprig.adler32sum("Wikipedia")'), '300286872');
  });

  test('toString uses Go %v formatting', () => {
    assert.equal(run('sprig.toString(1.5)'), '1.5');
    assert.equal(run('sprig.toString(1000000.0)'), '1e+06');
    assert.equal(run('sprig.toString(nil)'), '<nil>');
    assert.equal(run('sprig.toString([1, "a"])'), '[1 a]');
  });
});

describe('sprig numbers: lenient conversions', () => {
  test('int, int64 and atoi never fail; junk becomes 0', () => {
    assert.equal(run('sprig.int("42")'), 42);
    assert.equal(run('sprig.int("junk")'), 0);
    assert.equal(run('sprig.int("12.7")'), 12);
    assert.equal(run('sprig.int("0x1F")'), 31);
    assert.equal(run('sprig.int("017")'), 15);
    assert.equal(run('sprig.int64(3.9)'), 3);
    assert.equal(run('sprig.int(true)'), 1);
    assert.equal(run('sprig.int(nil)'), 0);
    assert.equal(run('sprig.atoi("12")'), 12);
    assert.equal(run('sprig.atoi("1.5")'), 0);
    assert.deepEqual(evaluateRaw(parseExpression('sprig.float64("2")'), {}), new ExprFloat(2));
    assert.equal(run('sprig.float64("nope")'), 0);
  });

  test('integer arithmetic truncates and converts every operand', () => {
    assert.equal(run('sprig.add(1, "2", 3.9)'), 6);
    assert.equal(run('sprig.add1("41")'), 42);
    assert.equal(run('sprig.sub(10, 4)'), 6);
    assert.equal(run('sprig.mul(2, 3, "4")'), 24);
    assert.equal(run('sprig.div(7, 2)'), 3);
    assert.equal(run('sprig.div(-7, 2)'), -3);
    assert.equal(run('sprig.mod(7, 3)'), 1);
    assert.equal(run('sprig.max(1, "9", 3)'), 9);
    assert.equal(run('sprig.min(4, 2.9)'), 2);
    assert.throws(() => run('sprig.div(1, 0)'), /integer divide by zero/u);
  });

  test('float arithmetic is decimal, so 0.1 + 0.2 is 0.3', () => {
    assert.equal(run('sprig.addf(0.1, 0.2)'), 0.3);
    assert.equal(run('sprig.subf(1.5, 0.25)'), 1.25);
    assert.equal(run('sprig.mulf(1.1, 3)'), 3.3);
    assert.equal(run('sprig.divf(1, 3)'), 0.3333333333333333);
    assert.equal(run('sprig.add1f(0.5)'), 1.5);
    assert.equal(run('sprig.maxf(1, 2.5)'), 2.5);
    assert.equal(run('sprig.minf(1, 2.5)'), 1);
    assert.equal(run('sprig.floor(1.7)'), 1);
    assert.equal(run('sprig.ceil("1.2")'), 2);
    assert.equal(run('sprig.round(3.14159, 2)'), 3.14);
    assert.equal(run('sprig.round(2.5, 0)'), 3);
  });

  test('sequences', () => {
    assert.deepEqual(run('sprig.until(3)'), [0, 1, 2]);
    assert.deepEqual(run('sprig.untilStep(0, 10, 4)'), [0, 4, 8]);
    assert.equal(run('sprig.seq(3)'), '1 2 3');
    assert.equal(run('sprig.seq(5, 3)'), '5 4 3');
    assert.equal(run('sprig.seq(0, 2, 6)'), '0 2 4 6');
  });
});

describe('sprig lists and dicts', () => {
  test('list access', () => {
    assert.deepEqual(run('sprig.list(1, "a")'), [1, 'a']);
    assert.equal(run('sprig.first(list)'), 'b');
    assert.equal(run('sprig.last(list)'), 'c');
    assert.deepEqual(run('sprig.rest(list)'), ['a', 'c']);
    assert.deepEqual(run('sprig.initial(list)'), ['b', 'a']);
    assert.equal(run('sprig.first([])'), null);
    assert.throws(() => run('sprig.first("abc")'), /Cannot find first on type string/u);
  });

  test('list transformations', () => {
    assert.deepEqual(run('sprig.uniq([1, 1, 2, 1.0])'), [1, 2, 1]);
    assert.deepEqual(run('sprig.reverse(list)'), ['c', 'a', 'b']);
    assert.deepEqual(run('sprig.compact(["a", "", nil, 0, "b"])'), ['a', 'b']);
    assert.deepEqual(run('sprig.without(list, "a")'), ['b', 'c']);
    assert.equal(run('sprig.has("a", list)'), true);
    assert.equal(run('sprig.has(1, nil)'), false);
    assert.deepEqual(run('sprig.append(list, "d")'), ['b', 'a', 'c', 'd']);
    assert.deepEqual(run('sprig.prepend(list, "z")'), ['z', 'b', 'a', 'c']);
    assert.deepEqual(run('sprig.concat([1], [2, 3])'), [1, 2, 3]);
    assert.deepEqual(run('sprig.slice(list, 1)'), ['a', 'c']);
    assert.deepEqual(run('sprig.chunk(2, [1, 2, 3])'), [[1, 2], [3]]);
    assert.deepEqual(env.list, ['b', 'a', 'c'], 'list functions must not mutate their input');
  });

  test('dicts', () => {
    assert.deepEqual(run('sprig.dict("a", 1, "b")'), { a: 1, b: '' });
    assert.equal(run('sprig.get(dict, "a")'), 1);
    assert.equal(run('sprig.get(dict, "zz")'), '');
    assert.equal(run('sprig.hasKey(dict, "b")'), true);
    assert.deepEqual(run('sprig.set(dict, "c", 3)'), { a: 1, b: '', c: 3 });
    assert.deepEqual(run('sprig.unset(dict, "a")'), { b: '' });
    assert.deepEqual(run('sprig.keys(dict)'), ['a', 'b']);
    assert.deepEqual(run('sprig.pick(dict, "a")'), { a: 1 });
    assert.deepEqual(run('sprig.omit(dict, "a")'), { b: '' });
    assert.deepEqual(run('sprig.pluck("a", dict, {a: 2}, {})'), [1, 2]);
    assert.deepEqual(run('sprig.merge({a: 1, b: ""}, {b: 2, c: 3})'), { a: 1, b: 2, c: 3 });
    assert.deepEqual(run('sprig.mergeOverwrite({a: 1, n: {x: 1}}, {a: 2, n: {y: 2}})'), {
      a: 2,
      n: { x: 1, y: 2 },
    });
    assert.equal(run('sprig.dig("x", "y", "none", {x: {y: "found"}})'), 'found');
    assert.equal(run('sprig.dig("x", "z", "none", {x: {y: "found"}})'), 'none');
    assert.deepEqual(env.dict, { a: 1, b: '' }, 'dict functions must not mutate their input');
  });

  test('defaults and flow', () => {
    assert.equal(run('sprig.default("d", "")'), 'd');
    assert.equal(run('sprig.default("d", "given")'), 'given');
    assert.equal(run('sprig.default("d")'), 'd');
    assert.equal(run('sprig.empty(0) && sprig.empty([]) && !sprig.empty("x")'), true);
    assert.equal(run('sprig.coalesce(nil, "", "x")'), 'x');
    assert.equal(run('sprig.ternary("yes", "no", true)'), 'yes');
    assert.equal(run('sprig.all(1, "a") && !sprig.any(0, "")'), true);
    assert.throws(() => run('sprig.fail("stop here")'), /stop here/u);
  });

  test('JSON', () => {
    assert.equal(run('sprig.toJson({b: 1, a: "<"})'), '{"a":"\\u003c","b":1}');
    assert.equal(run('sprig.toRawJson({a: "<"})'), '{"a":"<"}');
    assert.equal(run('sprig.toPrettyJson([1])'), '[\n  1\n]');
    assert.deepEqual(run('sprig.fromJson("{\\"a\\": [1]}")'), { a: [1] });
    assert.equal(run('sprig.fromJson("{oops")'), null);
    assert.throws(() => run('sprig.mustFromJson("{oops")'));
  });

  test('reflection', () => {
    assert.equal(run('sprig.typeOf(1)'), 'int');
    assert.equal(run('sprig.typeOf(1.5)'), 'float64');
    assert.equal(run('sprig.kindOf([1])'), 'slice');
    assert.equal(run('sprig.kindIs("map", {})'), true);
    assert.equal(run('sprig.deepEqual([1, {a: 2}], [1, {a: 2}])'), true);
    assert.equal(run('sprig.deepEqual(1, 1.0)'), false);
  });
});

describe('sprig regex, paths, dates and randomness', () => {
  test('regular expressions with Go syntax and templates', () => {
    assert.equal(run('sprig.regexMatch("^[a-z]+\\\\d$", "abc1")'), true);
    assert.equal(run('sprig.regexMatch("(", "x")'), false);
    assert.throws(() => run('sprig.mustRegexMatch("(", "x")'), /error parsing regexp/u);
    assert.equal(run('sprig.regexFind("[0-9]+", "ab12cd345")'), '12');
    assert.deepEqual(run('sprig.regexFindAll("[0-9]+", "ab12cd345", -1)'), ['12', '345']);
    assert.deepEqual(run('sprig.regexFindAll("[0-9]+", "ab12cd345", 1)'), ['12']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${1}` is Go's regexp template syntax here.
    assert.equal(run('sprig.regexReplaceAll("a(x*)b", "-ab-axxb-", "${1}W")'), '-W-xxW-');
    assert.equal(
      run('sprig.regexReplaceAll("(?P<first>\\\\w+) (\\\\w+)", "hello world", "$2 $first")'),
      'world hello',
    );
    assert.equal(run('sprig.regexReplaceAllLiteral("a(x*)b", "-ab-", "$1")'), '-$1-');
    assert.deepEqual(run('sprig.regexSplit("z+", "pizza", -1)'), ['pi', 'a']);
    assert.deepEqual(run('sprig.regexSplit("a*", "baaac", -1)'), ['b', 'c']);
    assert.deepEqual(run('sprig.regexSplit("a*", "abaabaccadaaae", 5)'), ['', 'b', 'b', 'c', 'cadaaae']);
    assert.equal(run('sprig.regexQuoteMeta("1.5+x")'), '1\\.5\\+x');
  });

  test('paths follow Go path semantics', () => {
    assert.equal(run('sprig.base("/a/b.txt")'), 'b.txt');
    assert.equal(run('sprig.dir("/a/b.txt")'), '/a');
    assert.equal(run('sprig.ext("/a/b.tar.gz")'), '.gz');
    assert.equal(run('sprig.clean("a//b/../c/.")'), 'a/c');
    assert.equal(run('sprig.clean("")'), '.');
    assert.equal(run('sprig.isAbs("/x")'), true);
  });

  test('dates use the injected clock', () => {
    const now = () => new Date('2024-05-06T07:08:09Z');
    const at = (source: string): unknown => evaluateExpression(source, {}, { now });
    assert.equal(at('sprig.date("2006-01-02", "not a time")'), '2024-05-06');
    assert.equal(at('sprig.date("15:04", now())'), '07:08');
    assert.equal(at('sprig.date("2006", 0)'), '1970');
    assert.equal(at('sprig.htmlDate(now())'), '2024-05-06');
    assert.equal(at('sprig.unixEpoch(now())'), '1714979289');
    assert.equal(at('sprig.duration("90")'), '1m30s');
    assert.equal(at('sprig.duration(90)'), '0s');
    assert.throws(() => at('sprig.dateInZone("2006", now(), "Europe/Paris")'), /not supported/u);
  });

  test('random functions use the injected source', () => {
    let i = 0;
    const values = [0, 0.5, 0.99];
    const random = () => values[i++ % values.length] as number;
    const out = evaluateExpression('sprig.randAlphaNum(3) + "|" + sprig.randNumeric(3)', {}, { random });
    assert.equal(out, 'aF9|059');
  });
});

describe('sprig call semantics', () => {
  test('Go types are not converted: wrong types fail, nil becomes the zero value', () => {
    assert.throws(() => run('sprig.trim(5)'), /cannot use int as string in argument 1 of sprig.trim/u);
    assert.throws(() => run('sprig.repeat(2.0, "a")'), /cannot use float64 as int/u);
    assert.equal(run('sprig.trim(nil)'), '');
    assert.equal(run('sprig.repeat(nil, "a")'), '');
  });

  test('argument counts must match', () => {
    assert.throws(() => run('sprig.trim("a", "b")'), /expected 1, got 2/u);
    assert.throws(() => run('sprig.replace("a")'), /expected 3, got 1/u);
  });

  test('unknown and unsupported functions', () => {
    assert.throws(
      () => run('sprig.trimm("x")'),
      /unknown Sprig function sprig.trimm; did you mean sprig.trim\?/u,
    );
    assert.throws(() => run('sprig.genCA("x", 1)'), /sprig.genCA is not supported by Slipway/u);
    assert.throws(() => run('sprig.env("HOME")'), /unknown Sprig function sprig.env/u);
  });

  test('isSprigFunction, isSprigImplemented and suggestions', () => {
    assert.equal(isSprigFunction('trim'), true);
    assert.equal(isSprigFunction('trimm'), false);
    assert.equal(isSprigFunction('env'), false);
    assert.equal(isSprigFunction('genCA'), true);
    assert.equal(isSprigImplemented('genCA'), false);
    assert.equal(isSprigImplemented('date_in_zone'), true);
    assert.equal(suggestSprigFunction('trimm'), 'trim');
    assert.equal(suggestSprigFunction('regexMatchh'), 'regexMatch');
    assert.equal(suggestSprigFunction('zzzzzzzz'), undefined);
    assert.equal(SPRIG_FUNCTIONS.get('trim')?.name, 'sprig.trim');
  });

  test('every function the brief lists is implemented', () => {
    const required =
      'trim trimAll trimPrefix trimSuffix upper lower title replace contains hasPrefix hasSuffix repeat substr trunc split splitList join quote squote cat indent nindent b64enc b64dec toJson fromJson toString atoi int int64 float64 add sub mul div mod max min list first last rest initial uniq has default empty coalesce ternary dict get keys regexMatch regexFind regexReplaceAll sha256sum randAlphaNum date';
    const missing = required.split(' ').filter((name) => !isSprigImplemented(name));
    assert.deepEqual(missing, []);
  });
});

describe('sprigCalls', () => {
  test('lists sprig calls with their name location and a suggestion for unknown names', () => {
    const source = 'sprig.trim(x) + sprig.trimm(sprig.upper(y))';
    const calls = sprigCalls(parseExpression(source));
    assert.deepEqual(
      calls.map((c) => [c.name, source.slice(c.offset, c.offset + c.length), c.known, c.suggestion]),
      [
        ['trim', 'trim', true, undefined],
        ['trimm', 'trimm', false, 'trim'],
        ['upper', 'upper', true, undefined],
      ],
    );
  });
});
