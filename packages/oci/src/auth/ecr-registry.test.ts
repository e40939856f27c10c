import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EcrRegistry, parseEcrRegistry } from './ecr-registry';

type Expected = Omit<EcrRegistry, 'host'> | undefined;

describe('parseEcrRegistry', () => {
  const ecr = (
    accountId: string,
    region: string,
    partition: EcrRegistry['partition'],
    fips = false,
    dualStack = false,
  ): Expected => ({ accountId, region, partition, fips, dualStack });
  const cases: [string, Expected][] = [
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', ecr('123456789012', 'us-east-1', 'aws')],
    ['123456789012.dkr.ecr.eu-central-2.amazonaws.com', ecr('123456789012', 'eu-central-2', 'aws')],
    ['123456789012.dkr.ecr.ap-southeast-5.amazonaws.com', ecr('123456789012', 'ap-southeast-5', 'aws')],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', ecr('123456789012', 'cn-north-1', 'aws-cn')],
    ['123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn', ecr('123456789012', 'cn-northwest-1', 'aws-cn')],
    ['123456789012.dkr.ecr.us-gov-west-1.amazonaws.com', ecr('123456789012', 'us-gov-west-1', 'aws-us-gov')],
    ['123456789012.dkr.ecr.us-gov-east-1.amazonaws.com', ecr('123456789012', 'us-gov-east-1', 'aws-us-gov')],
    ['123456789012.dkr.ecr-fips.us-east-1.amazonaws.com', ecr('123456789012', 'us-east-1', 'aws', true)],
    [
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com',
      ecr('123456789012', 'us-gov-west-1', 'aws-us-gov', true),
    ],
    ['123456789012.dkr-ecr.us-east-2.on.aws', ecr('123456789012', 'us-east-2', 'aws', false, true)],
    ['123456789012.dkr-ecr-fips.us-east-2.on.aws', ecr('123456789012', 'us-east-2', 'aws', true, true)],
    [
      '123456789012.dkr-ecr.us-gov-east-1.on.aws',
      ecr('123456789012', 'us-gov-east-1', 'aws-us-gov', false, true),
    ],
    [
      '123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn',
      ecr('123456789012', 'cn-north-1', 'aws-cn', false, true),
    ],
    // Case, port, scheme and path do not matter.
    ['123456789012.DKR.ECR.US-WEST-2.AMAZONAWS.COM', ecr('123456789012', 'us-west-2', 'aws')],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com:443', ecr('123456789012', 'us-west-2', 'aws')],
    ['https://123456789012.dkr.ecr.us-west-2.amazonaws.com/v2/', ecr('123456789012', 'us-west-2', 'aws')],
    // Not private ECR registries.
    ['public.ecr.aws', undefined],
    ['docker.io', undefined],
    ['ghcr.io', undefined],
    ['127.0.0.1:5000', undefined],
    ['ecr.us-east-1.amazonaws.com', undefined],
    ['api.ecr.us-east-1.amazonaws.com', undefined],
    ['ecr.us-east-1.api.aws', undefined],
    ['12345678901.dkr.ecr.us-east-1.amazonaws.com', undefined],
    ['1234567890123.dkr.ecr.us-east-1.amazonaws.com', undefined],
    ['abcdefghijkl.dkr.ecr.us-east-1.amazonaws.com', undefined],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example', undefined],
    ['evil.example/123456789012.dkr.ecr.us-east-1.amazonaws.com', undefined],
    ['x123456789012.dkr.ecr.us-east-1.amazonaws.com', undefined],
    ['123456789012.dkr.ecr.useast1.amazonaws.com', undefined],
    // A region outside the domain's partition.
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com', undefined],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com.cn', undefined],
    ['123456789012.dkr-ecr.cn-north-1.on.aws', undefined],
  ];
  for (const [host, expected] of cases) {
    test(`${host} → ${expected ? `${expected.partition} ${expected.region}` : 'not ECR'}`, () => {
      const parsed = parseEcrRegistry(host);
      if (expected === undefined) {
        assert.equal(parsed, undefined);
        return;
      }
      assert.ok(parsed);
      const { host: parsedHost, ...rest } = parsed;
      assert.deepEqual(rest, expected);
      assert.equal(parsedHost, parsedHost.toLowerCase());
      assert.ok(!parsedHost.includes(':') && !parsedHost.includes('/'));
    });
  }
});
