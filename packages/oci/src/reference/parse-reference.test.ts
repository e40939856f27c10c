import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidReferenceError } from '../errors';
import { formatImageReference, parseImageReference } from './parse-reference';

describe('parseImageReference', () => {
  const cases: [string, string, string, string | undefined, string | undefined][] = [
    ['alpine', 'docker.io', 'library/alpine', undefined, undefined],
    ['alpine:3.17', 'docker.io', 'library/alpine', '3.17', undefined],
    ['aquasec/trivy', 'docker.io', 'aquasec/trivy', undefined, undefined],
    ['index.docker.io/library/busybox:1', 'docker.io', 'library/busybox', '1', undefined],
    ['gcr.io/kaniko-project/executor:v1.23.2', 'gcr.io', 'kaniko-project/executor', 'v1.23.2', undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['127.0.0.1:5000/team/app:dev', '127.0.0.1:5000', 'team/app', 'dev', undefined],
    [
      '0123456789.dkr.ecr.us-east-1.amazonaws.com/infrasec-crane:latest',
      '0123456789.dkr.ecr.us-east-1.amazonaws.com',
      'infrasec-crane',
      'latest',
      undefined,
    ],
    [
      `busybox@sha256:${'a'.repeat(64)}`,
      'docker.io',
      'library/busybox',
      undefined,
      `sha256:${'a'.repeat(64)}`,
    ],
    [
      `reg.example:443/a/b:t@sha256:${'0'.repeat(64)}`,
      'reg.example:443',
      'a/b',
      't',
      `sha256:${'0'.repeat(64)}`,
    ],
  ];
  for (const [input, registry, repository, tag, digest] of cases) {
    test(input, () => {
      const ref = parseImageReference(input);
      assert.equal(ref.registry, registry);
      assert.equal(ref.repository, repository);
      assert.equal(ref.tag, tag);
      assert.equal(ref.digest, digest);
    });
  }

  test('formats with the implied latest tag', () => {
    assert.equal(formatImageReference(parseImageReference('alpine')), 'docker.io/library/alpine:latest');
  });

  for (const bad of [
    '',
    'Alpine',
    'alpine:',
    'alpine:-x',
    'a//b',
    'alpine@sha256:abc',
    ' alpine',
    'a/B/c',
    'host:notaport/x',
  ]) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseImageReference(bad), InvalidReferenceError);
    });
  }
});
