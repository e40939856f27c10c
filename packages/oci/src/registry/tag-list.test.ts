import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextLink } from './tag-list';

describe('nextLink', () => {
  test('finds rel="next" among links', () => {
    assert.equal(nextLink('</v2/a/tags/list?n=2&last=b>; rel="next"'), '/v2/a/tags/list?n=2&last=b');
    assert.equal(
      nextLink('<https://r/v2/a/tags/list?last=a>; rel="prev", <https://r/v2/a/tags/list?last=c>; rel=next'),
      'https://r/v2/a/tags/list?last=c',
    );
    assert.equal(nextLink('</x>; rel="prev"'), undefined);
    assert.equal(nextLink(null), undefined);
  });
});
