import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseWwwAuthenticate } from './www-authenticate';

describe('parseWwwAuthenticate', () => {
  test('a bearer challenge with quoted parameters, commas inside quotes', () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push repository:c:pull"',
      ),
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:a/b:pull,push repository:c:pull',
          },
        },
      ],
    );
  });

  test('several challenges, token values, spaces and escapes', () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Basic realm="a \\"quoted\\" realm", Bearer realm=https://x/token , error=invalid_token',
      ),
      [
        { scheme: 'basic', params: { realm: 'a "quoted" realm' } },
        { scheme: 'bearer', params: { realm: 'https://x/token', error: 'invalid_token' } },
      ],
    );
  });

  test('names are case-insensitive; a bare scheme has no parameters', () => {
    assert.deepEqual(parseWwwAuthenticate('BASIC Realm="r"'), [{ scheme: 'basic', params: { realm: 'r' } }]);
    assert.deepEqual(parseWwwAuthenticate('Negotiate'), [{ scheme: 'negotiate', params: {} }]);
    assert.deepEqual(parseWwwAuthenticate(null), []);
    assert.deepEqual(parseWwwAuthenticate(''), []);
  });
});
