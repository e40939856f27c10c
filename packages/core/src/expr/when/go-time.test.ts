import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGovaluateTime } from './go-time';

const utc = (...args: [number, number, number, number?, number?, number?]) =>
  Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0) / 1000;

describe('parseGovaluateTime', () => {
  const accepted: [string, number][] = [
    ['2021-03-04', utc(2021, 3, 4)],
    ['2021-03-04 05:06', utc(2021, 3, 4, 5, 6)],
    ['2021-03-04 05:06:07', utc(2021, 3, 4, 5, 6, 7)],
    ['2021-03-04 05:06:07.5', utc(2021, 3, 4, 5, 6, 7)],
    ['2021-03-04 05:06:07+02:00', utc(2021, 3, 4, 3, 6, 7)],
    ['2021-03-04T05:06:07Z', utc(2021, 3, 4, 5, 6, 7)],
    ['2021-03-04T05:06:07.123456789Z', utc(2021, 3, 4, 5, 6, 7)],
    ['2021-03-04T05:06:07-01:30', utc(2021, 3, 4, 6, 36, 7)],
    ['2021-03-04T05Z', utc(2021, 3, 4, 5)],
    ['2021-03-04T5Z', utc(2021, 3, 4, 5)],
    ['2021-03-04T05:06+0100', utc(2021, 3, 4, 4, 6)],
    ['2021-03-04T05:06:07,5Z', utc(2021, 3, 4, 5, 6, 7)],
    ['Thu Mar  4 05:06:07 2021', utc(2021, 3, 4, 5, 6, 7)],
    ['thu mar 4 05:06:07 2021', utc(2021, 3, 4, 5, 6, 7)],
    ['Thu Mar  4 05:06:07 PST 2021', utc(2021, 3, 4, 5, 6, 7)],
    ['Thu Mar  4 05:06:07 UTC 2021', utc(2021, 3, 4, 5, 6, 7)],
    ['Thu Mar 04 05:06:07 -0800 2021', utc(2021, 3, 4, 13, 6, 7)],
    ['2024-02-29', utc(2024, 2, 29)],
  ];
  for (const [text, seconds] of accepted) {
    test(`accepts ${text}`, () => assert.equal(parseGovaluateTime(text), seconds));
  }

  test('Kitchen times fall on 1 January of year 0', () => {
    const midnightYear0 = -62167219200;
    assert.equal(parseGovaluateTime('3:04PM'), midnightYear0 + 15 * 3600 + 4 * 60);
    assert.equal(parseGovaluateTime('12:00AM'), midnightYear0);
    assert.equal(parseGovaluateTime('12:30PM'), midnightYear0 + 12 * 3600 + 30 * 60);
  });

  const rejected = [
    '',
    'heads',
    '2021-3-04',
    '2021-13-01',
    '2021-02-30',
    '2023-02-29',
    '2021-03-04 24:00',
    '2021-03-04T05:60Z',
    '2021-03-04T05:06:07',
    '2021-03-04 ',
    '21-03-04',
    '3:04pm',
    '13:04PM',
    '1.2.3',
    'Thu Mar  4 05:06:07 Pacific 2021',
  ];
  for (const text of rejected) {
    test(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseGovaluateTime(text), undefined));
  }
});
