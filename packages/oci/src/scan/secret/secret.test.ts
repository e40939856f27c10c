import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSecrets } from './detect';

// Assembled at run time so that this file itself holds no secret-shaped string.
const fake = {
  aws: ['AKIA', 'Q3SLIPWAYFAKE7XZ'].join(''),
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY0XY',
  gitlab: ['glpat', '-', 'abcdefghij0123456789'].join(''),
  slack: ['xoxb', '1234567890', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-'),
  google: ['AIza', `SyD-fake${'0'.repeat(27)}`].join(''),
  stripe: ['sk', 'live', '0123456789abcdefABCDEFGH'].join('_'),
  npm: `npm_${'a1B2'.repeat(9)}`,
};

test('each rule finds its secret on the right line, masked', () => {
  const text = [
    '# config',
    `aws_access_key_id = ${fake.aws}`,
    `aws_secret_access_key = ${fake.awsSecret}`,
    `GITLAB=${fake.gitlab}`,
    `slack: "${fake.slack}"`,
    `maps_key: ${fake.google}`,
    `STRIPE=${fake.stripe}`,
    `//registry.npmjs.org/:_authToken=${fake.npm}`,
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEAuFakeKeyMaterialFakeKeyMaterialFakeKeyMaterial',
    '-----END RSA PRIVATE KEY-----',
  ].join('\n');
  const found = detectSecrets('config/settings', text);
  assert.deepEqual(
    found.map((f) => `${f.ruleId}:${f.line}`),
    [
      'aws-access-key-id:2',
      'aws-secret-access-key:3',
      'gitlab-token:4',
      'slack-token:5',
      'google-api-key:6',
      'stripe-secret-key:7',
      'npm-token:8',
      'private-key:9',
    ],
  );
  for (const finding of found) {
    for (const secret of Object.values(fake))
      assert.ok(!finding.match.includes(secret), `${finding.ruleId} masked`);
    assert.match(finding.match, /\*{4}/);
  }
  assert.equal(found[0]?.match, 'aws_access_key_id = ********************');
});

test('look-alikes are not secrets', () => {
  const text = 'AKIAEXAMPLE\nghp_short\nxoxb-1\nthe private key is stored elsewhere\n';
  assert.deepEqual(detectSecrets('README', text), []);
});
