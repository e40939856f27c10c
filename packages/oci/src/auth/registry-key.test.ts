import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOCKER_HUB_SERVER_URL, normalizeRegistryKey, serverUrlFor } from './registry-key';

describe('normalizeRegistryKey', () => {
  const cases: [string, string][] = [
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['https://registry-1.docker.io/v2/', 'docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['http://localhost:5000/v2/', 'localhost:5000'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['Quay.IO', 'quay.io'],
    [
      'https://123456789012.dkr.ecr.us-east-1.amazonaws.com/some/path',
      '123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ],
    [' gcr.io ', 'gcr.io'],
  ];
  for (const [key, host] of cases) {
    test(`${key} → ${host}`, () => assert.equal(normalizeRegistryKey(key), host));
  }
});

describe('serverUrlFor', () => {
  test('Docker Hub uses the legacy index URL, others their host', () => {
    assert.equal(serverUrlFor('docker.io'), DOCKER_HUB_SERVER_URL);
    assert.equal(serverUrlFor('registry-1.docker.io'), DOCKER_HUB_SERVER_URL);
    assert.equal(serverUrlFor('https://ghcr.io/'), 'ghcr.io');
  });
});
