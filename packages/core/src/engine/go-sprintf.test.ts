import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goSprintfInt } from './go-sprintf';

describe('goSprintfInt', () => {
  test('formats integers as Go does', () => {
    assert.equal(goSprintfInt('%d', 5), '5');
    assert.equal(goSprintfInt('%02d', 5), '05');
    assert.equal(goSprintfInt('2020-05-%02X', 10), '2020-05-0A');
    assert.equal(goSprintfInt('%x', 255), 'ff');
    assert.equal(goSprintfInt('%-3d|', 7), '7  |');
    assert.equal(goSprintfInt('%03d', -7), '-07');
    assert.equal(goSprintfInt('100%%-%d', 1), '100%-1');
  });

  test('reports a missing verb as Go does', () => {
    assert.equal(goSprintfInt('item', 3), 'item%!(EXTRA int=3)');
  });
});
