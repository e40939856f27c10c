import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeScopes, pullScope, pushScope, scopesCover } from './scopes';

describe('token scopes', () => {
  test('merges actions per resource and sorts', () => {
    assert.deepEqual(mergeScopes([pushScope('x'), pullScope('y'), 'repository:x:delete', pullScope('x')]), [
      'repository:x:delete,pull,push',
      'repository:y:pull',
    ]);
    assert.deepEqual(mergeScopes(['repository:a:pull repository:b:push']), [
      'repository:a:pull',
      'repository:b:push',
    ]);
    assert.deepEqual(mergeScopes(['registry:catalog:*']), ['registry:catalog:*']);
  });

  test('a token for wider scopes covers narrower ones', () => {
    assert.equal(scopesCover([pushScope('x')], [pullScope('x')]), true);
    assert.equal(scopesCover([pullScope('x')], [pushScope('x')]), false);
    assert.equal(scopesCover([pushScope('x')], [pullScope('y')]), false);
    assert.equal(scopesCover([pushScope('x'), pullScope('y')], [pullScope('y'), pullScope('x')]), true);
  });
});
