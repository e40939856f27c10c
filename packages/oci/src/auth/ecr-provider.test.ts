import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { EcrAccessDeniedError, EcrCredentialsMissingError, EcrTokenError } from './auth-errors';
import { type EcrStandIn, type StandInAnswer, startEcrStandIn, tokenAnswer } from './auth-test-support';
import { ecrClientConfig, ecrCredentialProvider } from './ecr-provider';
import { parseEcrRegistry } from './ecr-registry';

const COMMERCIAL = '111111111111.dkr.ecr.us-west-2.amazonaws.com';
const CHINA = '222222222222.dkr.ecr.cn-north-1.amazonaws.com.cn';
const GOVCLOUD = '333333333333.dkr.ecr.us-gov-west-1.amazonaws.com';

const KEYS_A = {
  accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
  secretAccessKey: 'secret-key-a-0123456789abcdefghijklmnopqrs',
};
const KEYS_B = {
  accessKeyId: 'ASIABBBBBBBBBBBBBBBB',
  secretAccessKey: 'secret-key-b-0123456789abcdefghijklmnopqrs',
  sessionToken: 'session-token-b-0123456789abcdefghijklmnop',
};
const HOUR = 60 * 60 * 1000;

describe('ecrCredentialProvider against a local ECR API stand-in', () => {
  let standIn: EcrStandIn;
  let answer: (index: number) => StandInAnswer = () => tokenAnswer('unused', Date.now() + 12 * HOUR);
  const clients: ECRClient[] = [];
  /** The real SDK client, kept to be closed after the tests. */
  const clientFactory = (config: ECRClientConfig) => {
    const client = new ECRClient({ ...config, maxAttempts: 1 });
    clients.push(client);
    return client;
  };

  before(async () => {
    standIn = await startEcrStandIn((_request, index) => answer(index));
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await standIn.close();
  });
  const reset = (next: (index: number) => StandInAnswer) => {
    standIn.seen.length = 0;
    answer = next;
  };

  test('signs for the registry region in the commercial, China and GovCloud partitions', async () => {
    reset((index) => tokenAnswer(`password-${index}`, Date.now() + 12 * HOUR));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: KEYS_A },
      clientFactory,
    });
    assert.deepEqual(await provider(COMMERCIAL), { kind: 'basic', username: 'AWS', password: 'password-0' });
    assert.deepEqual(await provider(CHINA), { kind: 'basic', username: 'AWS', password: 'password-1' });
    assert.deepEqual(await provider(GOVCLOUD), { kind: 'basic', username: 'AWS', password: 'password-2' });
    assert.deepEqual(
      standIn.seen.map((r) => [r.region, r.service, r.target]),
      [
        ['us-west-2', 'ecr', 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken'],
        ['cn-north-1', 'ecr', 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken'],
        ['us-gov-west-1', 'ecr', 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken'],
      ],
    );
  });

  test('two registries in two accounts use their own credential sets', async () => {
    reset((index) => tokenAnswer(`password-${index}`, Date.now() + 12 * HOUR));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      registries: { [COMMERCIAL]: { credentials: KEYS_A }, [CHINA]: { credentials: async () => KEYS_B } },
      clientFactory,
    });
    await provider(CHINA);
    await provider(COMMERCIAL);
    assert.deepEqual(
      standIn.seen.map((r) => [r.accessKeyId, r.region]),
      [
        [KEYS_B.accessKeyId, 'cn-north-1'],
        [KEYS_A.accessKeyId, 'us-west-2'],
      ],
    );
  });

  test('a token is cached (one call for many lookups) and fetched again near its expiry', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    reset((index) => tokenAnswer(`password-${index}`, clock + 12 * HOUR));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: KEYS_A },
      clientFactory,
      now: () => clock,
    });
    const [first, second] = await Promise.all([provider(COMMERCIAL), provider(COMMERCIAL)]);
    assert.deepEqual(first, second);
    assert.deepEqual(await provider(`https://${COMMERCIAL}/v2/`), first);
    assert.equal(standIn.seen.length, 1);
    clock += 11 * HOUR; // 1 hour left: still beyond the 15-minute refresh margin
    assert.deepEqual(await provider(COMMERCIAL), first);
    assert.equal(standIn.seen.length, 1);
    clock += 50 * 60 * 1000; // 10 minutes left
    assert.deepEqual(await provider(COMMERCIAL), { kind: 'basic', username: 'AWS', password: 'password-1' });
    assert.equal(standIn.seen.length, 2);
  });

  test('AccessDenied is a clear error without secrets', async () => {
    reset(() => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        message: `User: arn:aws:iam::111111111111:user/ci is not authorized to perform: ecr:GetAuthorizationToken (key ${KEYS_B.accessKeyId}, token ${KEYS_B.sessionToken})`,
      },
    }));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: KEYS_B },
      clientFactory,
    });
    const error = await provider(COMMERCIAL).catch((e: unknown) => e);
    assert.ok(error instanceof EcrAccessDeniedError, String(error));
    assert.equal(error.code, 'SLIPWAY_OCI_ECR_ACCESS_DENIED');
    assert.match(error.message, /ecr:GetAuthorizationToken for registry 111111111111\.dkr\.ecr\.us-west-2/);
    assert.match(
      error.message,
      /AccessDeniedException: User: arn:aws:iam::111111111111:user\/ci is not authorized/,
    );
    assert.match(error.message, /AWS request id req-1/);
    const everything = `${inspect(error)} ${JSON.stringify(error)}`;
    for (const secret of [KEYS_B.accessKeyId, KEYS_B.secretAccessKey, KEYS_B.sessionToken]) {
      assert.ok(!everything.includes(secret), 'no AWS key or token in the error');
    }
    // A failure is not cached.
    reset((index) => tokenAnswer(`password-${index}`, Date.now() + 12 * HOUR));
    assert.deepEqual(await provider(COMMERCIAL), { kind: 'basic', username: 'AWS', password: 'password-0' });
  });

  test('other API failures and malformed answers are token errors', async () => {
    reset(() => ({ status: 500, body: { __type: 'ServerException', message: 'try later' } }));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: KEYS_A },
      clientFactory,
    });
    await assert.rejects(provider(COMMERCIAL), (error: unknown) => {
      assert.ok(error instanceof EcrTokenError);
      assert.match(error.message, /ServerException \(HTTP 500\): try later/);
      return true;
    });
    reset(() => ({ status: 200, body: { authorizationData: [{ authorizationToken: 'bm90LWEtdG9rZW4=' }] } }));
    await assert.rejects(provider(COMMERCIAL), /no usable authorizationToken/);
  });

  test('missing AWS credentials are a clear error', async () => {
    reset(() => tokenAnswer('unused', Date.now() + HOUR));
    const noCredentials = async (): Promise<never> => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: noCredentials },
      clientFactory,
    });
    const error = await provider(GOVCLOUD).catch((e: unknown) => e);
    assert.ok(error instanceof EcrCredentialsMissingError, String(error));
    assert.equal(error.code, 'SLIPWAY_OCI_ECR_NO_AWS_CREDENTIALS');
    assert.match(
      error.message,
      /registry 333333333333\.dkr\.ecr\.us-gov-west-1\.amazonaws\.com \(region us-gov-west-1\)/,
    );
    assert.match(error.message, /AWS_PROFILE/);
    assert.equal(standIn.seen.length, 0);
  });

  test('non-ECR hosts are not ours', async () => {
    reset(() => tokenAnswer('unused', Date.now() + HOUR));
    const provider = ecrCredentialProvider({
      endpoint: standIn.endpoint,
      defaults: { credentials: KEYS_A },
      clientFactory,
    });
    assert.equal(await provider('ghcr.io'), undefined);
    assert.equal(await provider('public.ecr.aws'), undefined);
    assert.equal(standIn.seen.length, 0);
  });
});

describe('ECR API endpoint chosen by the SDK for each registry flavour', () => {
  const cases: [string, string][] = [
    [COMMERCIAL, 'api.ecr.us-west-2.amazonaws.com'],
    [CHINA, 'api.ecr.cn-north-1.amazonaws.com.cn'],
    [GOVCLOUD, 'api.ecr.us-gov-west-1.amazonaws.com'],
    ['444444444444.dkr.ecr-fips.us-east-1.amazonaws.com', 'api.ecr-fips.us-east-1.amazonaws.com'],
    ['444444444444.dkr.ecr-fips.us-gov-east-1.amazonaws.com', 'api.ecr-fips.us-gov-east-1.amazonaws.com'],
    ['444444444444.dkr-ecr.eu-west-1.on.aws', 'ecr.eu-west-1.api.aws'],
    ['444444444444.dkr-ecr-fips.us-east-2.on.aws', 'ecr-fips.us-east-2.api.aws'],
  ];
  for (const [registry, apiHost] of cases) {
    test(`${registry} → ${apiHost}`, async () => {
      const seen: string[] = [];
      const provider = ecrCredentialProvider({
        defaults: { credentials: KEYS_A },
        clientFactory: (config) => {
          const client = new ECRClient(config);
          // Stop before anything is sent: only the resolved endpoint matters here.
          client.middlewareStack.add(
            () => async (args) => {
              seen.push((args.request as { hostname: string }).hostname);
              throw new Error('stopped before sending');
            },
            { step: 'build' },
          );
          return client;
        },
      });
      await assert.rejects(provider(registry), EcrTokenError);
      assert.deepEqual(seen, [apiHost]);
    });
  }

  test('a custom endpoint replaces the FIPS/dual-stack flags', () => {
    const registry = parseEcrRegistry('444444444444.dkr-ecr-fips.us-east-1.on.aws');
    assert.ok(registry);
    assert.deepEqual(ecrClientConfig(registry, {}), {
      region: 'us-east-1',
      useFipsEndpoint: true,
      useDualstackEndpoint: true,
    });
    assert.deepEqual(ecrClientConfig(registry, { profile: 'prod' }, 'http://127.0.0.1:1'), {
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      profile: 'prod',
    });
  });
});
