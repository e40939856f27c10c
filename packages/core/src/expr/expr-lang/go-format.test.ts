import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateExpression } from './evaluate-expression';
import { formatDuration, formatFloat, formatValue, GoJsonError, goJson, quoteGo } from './go-format';
import { formatGoLayout, parseGoDuration } from './time';
import { ExprDuration, float } from './values';

describe('Go formatting', () => {
  test('floats print as Go %v: exponent form from 1e6 and below 1e-4', () => {
    assert.deepEqual(
      [1, 1.5, 123456, 1e6, 1234567, 0.0001, 0.00001, -2.5e-7, 1e21, Number.NaN, -Infinity].map(formatFloat),
      ['1', '1.5', '123456', '1e+06', '1.234567e+06', '0.0001', '1e-05', '-2.5e-07', '1e+21', 'NaN', '-Inf'],
    );
  });

  test('%v of composite values', () => {
    assert.equal(formatValue([1, 'a', null, [float(2)]]), '[1 a <nil> [2]]');
    assert.equal(formatValue({ z: 1, a: { b: true } }), 'map[a:map[b:true] z:1]');
    assert.equal(formatValue(new Date('2024-01-02T03:04:05.500Z')), '2024-01-02 03:04:05.5 +0000 UTC');
    assert.equal(formatValue(new ExprDuration(90e9)), '1m30s');
  });

  test('durations print as Go does', () => {
    assert.deepEqual([0, 999, 1500, 1.5e6, 1e9, 61e9, 3600e9 + 1.5e9, -2e9].map(formatDuration), [
      '0s',
      '999ns',
      '1.5µs',
      '1.5ms',
      '1s',
      '1m1s',
      '1h0m1.5s',
      '-2s',
    ]);
  });

  test('strconv.Quote escapes', () => {
    assert.equal(quoteGo('a"b\\c\n\t\x01é😀'), '"a\\"b\\\\c\\n\\t\\x01é😀"');
    assert.equal(quoteGo('\u200b'), '"\\u200b"');
  });

  test('encoding/json: sorted keys, HTML escapes, Go numbers, errors for NaN and functions', () => {
    assert.equal(goJson({ b: [1, float(2), 'x'], a: null }), '{"a":null,"b":[1,2,"x"]}');
    assert.equal(goJson('<a & b>\u2028'), '"\\u003ca \\u0026 b\\u003e\\u2028"');
    assert.equal(goJson('<a>', { escapeHtml: false }), '"<a>"');
    assert.equal(goJson('\u0001\b\f'), '"\\u0001\\b\\f"');
    assert.equal(goJson(float(1e21)), '1e+21');
    assert.equal(goJson(float(1e-7)), '1e-7');
    assert.equal(goJson(new Date('2024-01-02T03:04:05Z')), '"2024-01-02T03:04:05Z"');
    assert.equal(goJson({ a: [] }, { indent: '  ' }), '{\n  "a": []\n}');
    assert.throws(() => goJson(float(Number.NaN)), GoJsonError);
    assert.throws(() => goJson(() => 1), GoJsonError);
  });
});

describe('time values', () => {
  test('Go duration strings', () => {
    assert.equal(parseGoDuration('1h30m'), 5400e9);
    assert.equal(parseGoDuration('-1.5s'), -1.5e9);
    assert.equal(parseGoDuration('300ms'), 300e6);
    assert.equal(parseGoDuration('2us'), 2000);
    assert.equal(parseGoDuration('0'), 0);
    assert.throws(() => parseGoDuration('5'), /invalid duration/u);
    assert.throws(() => parseGoDuration('5d'), /unknown unit "d"/u);
  });

  test('Go layouts', () => {
    const date = new Date('2024-03-04T15:06:07.125Z');
    assert.equal(formatGoLayout(date, '2006-01-02T15:04:05Z07:00'), '2024-03-04T15:06:07Z');
    assert.equal(formatGoLayout(date, 'Mon Jan _2 3:04PM'), 'Mon Mar  4 3:06PM');
    assert.equal(formatGoLayout(date, 'Monday, January 2, 06'), 'Monday, March 4, 24');
    assert.equal(formatGoLayout(date, '15:04:05.000'), '15:06:07.125');
    assert.equal(formatGoLayout(date, '05.999999'), '07.125');
    assert.equal(formatGoLayout(date, '002 -0700 MST'), '064 +0000 UTC');
  });

  test('now(), durations and time arithmetic in expressions, as in the cron-when example', () => {
    const now = () => new Date('2025-01-01T00:10:00Z');
    const cron = (last: unknown): unknown =>
      evaluateExpression(
        'cronworkflow.lastScheduledTime == nil || (now() - cronworkflow.lastScheduledTime).Seconds() > 360',
        { cronworkflow: { lastScheduledTime: last } },
        { now },
      );
    assert.equal(cron(null), true);
    assert.equal(cron(new Date('2025-01-01T00:00:00Z')), true);
    assert.equal(cron(new Date('2025-01-01T00:08:00Z')), false);
    const run = (source: string): unknown => evaluateExpression(source, {}, { now });
    assert.equal(run('duration("1h") > duration("59m")'), true);
    assert.equal(run('string(duration("1h30m"))'), '1h30m0s');
    assert.equal(run('(now() + duration("1h")).Hour()'), 1);
    assert.equal(run('date("2024-02-29").Format("Jan 2")'), 'Feb 29');
    assert.equal(run('now().Unix()'), 1735690200);
    assert.equal(run('now() > date("2024-12-31T23:00:00+01:00")'), true);
    assert.equal(run('(duration("2h") * 2).Minutes()'), 240);
  });
});
