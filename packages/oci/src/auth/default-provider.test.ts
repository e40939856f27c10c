import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import type { CredentialProvider } from '../auth-types';
import { DockerConfigInvalidError } from './auth-errors';
import {
  type EcrStandIn,
  FILE_STORE_HELPER,
  makeTempDir,
  startEcrStandIn,
  tokenAnswer,
  writeHelperScript,
} from './auth-test-support';
import { composeCredentialProviders } from './compose-providers';
import { credentialHelperStore } from './credential-helper';
import { defaultCredentialProvider } from './default-provider';

const ECR = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';
const KEYS = {
  accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
  secretAccessKey: 'secret-key-0123456789abcdefghijklmnopqrstu',
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('defaultCredentialProvider', () => {
  let root = '';
  let cleanup = async () => {};
  let standIn: EcrStandIn;
  let env: Record<string, string> = {};
  let state = '';
  let counter = 0;
  const clients: ECRClient[] = [];
  const clientFactory = (config: ECRClientConfig) => {
    const client = new ECRClient({ ...config, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  /** A home whose ~/.docker/config.json holds `config`, and a provider reading it. */
  const setup = async (config?: unknown) => {
    const homeDir = join(root, `home-${counter++}`);
    await mkdir(join(homeDir, '.docker'), { recursive: true });
    if (config !== undefined)
      await writeFile(join(homeDir, '.docker', 'config.json'), JSON.stringify(config));
    standIn.seen.length = 0;
    await rm(join(state, 'calls'), { force: true });
    const provider = defaultCredentialProvider({
      env,
      homeDir,
      ecr: { endpoint: standIn.endpoint, defaults: { credentials: KEYS }, clientFactory },
    });
    return { homeDir, provider };
  };
  const helperCalls = async () =>
    (await readFile(join(state, 'calls'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

  before(async () => {
    ({ dir: root, cleanup } = await makeTempDir());
    standIn = await startEcrStandIn((_request, index) =>
      tokenAnswer(`ecr-password-${index}`, Date.now() + 3_600_000),
    );
    const bin = join(root, 'bin');
    state = join(root, 'state');
    await mkdir(state);
    await writeHelperScript(bin, 'test', FILE_STORE_HELPER);
    env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HELPER_STATE: state };
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await standIn.close();
    await cleanup();
  });

  test('an ECR host without config entries gets an ECR token', async () => {
    const { provider } = await setup();
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'ecr-password-0' });
    assert.equal(standIn.seen.length, 1);
    assert.equal(standIn.seen[0]?.region, 'eu-west-1');
  });

  test('explicit config.json credentials for the ECR host win over AWS', async () => {
    const { provider } = await setup({ auths: { [ECR]: { auth: b64('AWS:pasted-token') } } });
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'pasted-token' });
    assert.equal(standIn.seen.length, 0);
  });

  test('a credHelpers entry for the ECR host is used; when it has nothing, AWS is asked', async () => {
    const { provider } = await setup({ credHelpers: { [ECR]: 'test' } });
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'ecr-password-0' });
    assert.deepEqual(await helperCalls(), [`get ${ECR}`]);
    await credentialHelperStore('test', { serverUrl: ECR, username: 'AWS', secret: 'from-helper' }, { env });
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'from-helper' });
    assert.equal(standIn.seen.length, 1);
  });

  test('a global credsStore does not capture ECR hosts it never logged in to', async () => {
    const { provider } = await setup({ credsStore: 'test', auths: { 'ghcr.io': {} } });
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'ecr-password-0' });
    assert.deepEqual(await helperCalls(), []);
    // Other registries go through the store.
    assert.equal(await provider('ghcr.io'), undefined);
    assert.deepEqual(await helperCalls(), ['get ghcr.io']);
  });

  test('a credsStore login for the ECR host (empty auths entry) is used', async () => {
    const { provider } = await setup({ credsStore: 'test', auths: { [ECR]: {} } });
    await credentialHelperStore(
      'test',
      { serverUrl: ECR, username: 'AWS', secret: 'stored-by-login' },
      { env },
    );
    assert.deepEqual(await provider(ECR), { kind: 'basic', username: 'AWS', password: 'stored-by-login' });
    assert.equal(standIn.seen.length, 0);
  });

  test('other hosts: config.json, else anonymous', async () => {
    const { provider } = await setup({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } });
    assert.deepEqual(await provider('docker.io'), { kind: 'basic', username: 'hub', password: 'pw' });
    assert.equal(await provider('quay.io'), undefined);
    assert.equal(standIn.seen.length, 0);
  });

  test('ecr: false never calls AWS', async () => {
    const homeDir = join(root, 'no-ecr');
    await mkdir(homeDir);
    standIn.seen.length = 0;
    const provider = defaultCredentialProvider({ env, homeDir, ecr: false });
    assert.equal(await provider(ECR), undefined);
    assert.equal(standIn.seen.length, 0);
  });

  test('a login made after the provider was created is seen', async () => {
    const { homeDir, provider } = await setup();
    assert.equal(await provider('ghcr.io'), undefined);
    await writeFile(
      join(homeDir, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('a:b') } } }),
    );
    assert.deepEqual(await provider('ghcr.io'), { kind: 'basic', username: 'a', password: 'b' });
  });

  test('a malformed config.json is an error, not anonymous access', async () => {
    const { homeDir, provider } = await setup();
    await writeFile(join(homeDir, '.docker', 'config.json'), '{"auths": ');
    await assert.rejects(provider('ghcr.io'), DockerConfigInvalidError);
  });
});

describe('composeCredentialProviders', () => {
  const fixed =
    (registry: string, password: string, calls: string[]): CredentialProvider =>
    async (asked) => {
      calls.push(`${password}:${asked}`);
      return asked === registry ? { kind: 'basic', username: 'u', password } : undefined;
    };

  test('the first provider with credentials answers; later ones are not asked', async () => {
    const calls: string[] = [];
    const provider = composeCredentialProviders(fixed('a.io', 'one', calls), fixed('b.io', 'two', calls));
    assert.deepEqual(await provider('a.io'), { kind: 'basic', username: 'u', password: 'one' });
    assert.deepEqual(await provider('b.io'), { kind: 'basic', username: 'u', password: 'two' });
    assert.equal(await provider('c.io'), undefined);
    assert.deepEqual(calls, ['one:a.io', 'one:b.io', 'two:b.io', 'one:c.io', 'two:c.io']);
  });

  test('an error stops the search', async () => {
    const calls: string[] = [];
    const failing: CredentialProvider = async () => {
      throw new Error('helper broke');
    };
    const provider = composeCredentialProviders(failing, fixed('a.io', 'one', calls));
    await assert.rejects(provider('a.io'), /helper broke/);
    assert.deepEqual(calls, []);
  });

  test('no providers means anonymous', async () => {
    assert.equal(await composeCredentialProviders()('a.io'), undefined);
  });
});
