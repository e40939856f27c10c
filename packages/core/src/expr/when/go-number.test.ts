import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatGoFloat, goFloatToInt64, goFloatToUint64, goPow, parseGoFloat, parseGoHex } from './go-number';

describe('Go float64 helpers', () => {
  test('formatGoFloat matches fmt %v', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [-2.5, '-2.5'],
      [123456, '123456'],
      [999999, '999999'],
      [1000000, '1e+06'],
      [1234567, '1.234567e+06'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e100, '1e+100'],
      [0.1 + 0.2, '0.30000000000000004'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, '+Inf'],
      [Number.NEGATIVE_INFINITY, '-Inf'],
    ];
    for (const [value, text] of cases) assert.equal(formatGoFloat(value), text, String(value));
  });

  test('parseGoFloat follows strconv.ParseFloat', () => {
    assert.equal(parseGoFloat('1.5'), 1.5);
    assert.equal(parseGoFloat('.5'), 0.5);
    assert.equal(parseGoFloat('1.'), 1);
    assert.equal(parseGoFloat('007'), 7);
    assert.equal(parseGoFloat('1e3'), 1000);
    assert.equal(parseGoFloat('1.2.3'), undefined);
    assert.equal(parseGoFloat('.'), undefined);
    assert.equal(parseGoFloat('1e400'), undefined);
    assert.equal(parseGoFloat('9'.repeat(400)), undefined);
  });

  test('parseGoHex follows strconv.ParseUint base 16', () => {
    assert.equal(parseGoHex('ff'), 255);
    assert.equal(parseGoHex('FFFFFFFFFFFFFFFF'), 2 ** 64);
    assert.equal(parseGoHex('10000000000000000'), undefined);
    assert.equal(parseGoHex(''), undefined);
  });

  test('integer conversions and Pow behave as Go on amd64', () => {
    assert.equal(goFloatToInt64(-3.9), -3n);
    assert.equal(goFloatToInt64(Number.NaN), -(2n ** 63n));
    assert.equal(goFloatToUint64(-1), 2n ** 64n - 1n);
    assert.equal(goFloatToUint64(2 ** 63), 2n ** 63n);
    assert.equal(goPow(1, Number.NaN), 1);
    assert.equal(goPow(-1, Number.POSITIVE_INFINITY), 1);
    assert.equal(goPow(2, 10), 1024);
  });
});
