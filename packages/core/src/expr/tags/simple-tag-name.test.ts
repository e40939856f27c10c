import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simpleTagName } from './simple-tag-name';

describe('simpleTagName', () => {
  test('a bare name has no whitespace', () => {
    assert.deepEqual(simpleTagName('inputs.parameters.x'), {
      name: 'inputs.parameters.x',
      hasOuterWhitespace: false,
      hasInnerWhitespace: false,
      compact: 'inputs.parameters.x',
      offset: 0,
    });
  });

  test('whitespace around the name is trimmed and reported as outer', () => {
    const result = simpleTagName('  inputs.parameters.x ');
    assert.equal(result.name, 'inputs.parameters.x');
    assert.equal(result.hasOuterWhitespace, true);
    assert.equal(result.hasInnerWhitespace, false);
    assert.equal(result.offset, 2);
  });

  test('whitespace inside the name is reported, with the compact form as a suggestion', () => {
    const result = simpleTagName('inputs.    parameters.x');
    assert.equal(result.name, 'inputs.    parameters.x');
    assert.equal(result.hasInnerWhitespace, true);
    assert.equal(result.hasOuterWhitespace, false);
    assert.equal(result.compact, 'inputs.parameters.x');
  });

  test('tabs and newlines count as whitespace', () => {
    const result = simpleTagName('\tinputs.\nparameters.x\n');
    assert.equal(result.hasOuterWhitespace, true);
    assert.equal(result.hasInnerWhitespace, true);
    assert.equal(result.compact, 'inputs.parameters.x');
  });

  test('an all-whitespace tag has an empty name', () => {
    const result = simpleTagName('   ');
    assert.equal(result.name, '');
    assert.equal(result.hasInnerWhitespace, false);
    assert.equal(result.hasOuterWhitespace, true);
  });
});
