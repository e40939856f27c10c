import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLoopbackRegistry, registryOrigin, schemeCandidates } from './scheme';

describe('scheme selection', () => {
  test('loopback hosts, with or without port', () => {
    for (const host of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000', '::1']) {
      assert.equal(isLoopbackRegistry(host), true, host);
    }
    for (const host of ['ghcr.io', 'registry.local:5000', '10.0.0.1:5000', 'localhost.example.com']) {
      assert.equal(isLoopbackRegistry(host), false, host);
    }
  });

  test('https only, unless insecure or loopback', () => {
    assert.deepEqual(schemeCandidates('ghcr.io', false), ['https']);
    assert.deepEqual(schemeCandidates('registry.local:5000', true), ['https', 'http']);
    assert.deepEqual(schemeCandidates('127.0.0.1:5000', false), ['https', 'http']);
  });

  test('origins bracket IPv6 literals', () => {
    assert.equal(registryOrigin('https', '::1'), 'https://[::1]');
    assert.equal(registryOrigin('http', '[::1]:5000'), 'http://[::1]:5000');
    assert.equal(registryOrigin('https', 'ghcr.io'), 'https://ghcr.io');
  });
});
