import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { DockerConfigInvalidError } from './auth-errors';
import { FILE_STORE_HELPER, makeTempDir, writeHelperScript } from './auth-test-support';
import { credentialHelperStore } from './credential-helper';
import { authEntryCredentials, findAuthEntry, loadDockerConfig } from './docker-config';
import { dockerConfigCandidates } from './docker-config-path';
import { dockerConfigCredentialProvider } from './docker-config-provider';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('docker config', () => {
  let root = '';
  let cleanup = async () => {};
  let counter = 0;
  /** A fresh home directory with an optional ~/.docker/config.json. */
  const home = async (config?: unknown): Promise<string> => {
    const dir = join(root, `home-${counter++}`);
    await mkdir(join(dir, '.docker'), { recursive: true });
    if (config !== undefined) {
      await writeFile(
        join(dir, '.docker', 'config.json'),
        typeof config === 'string' ? config : JSON.stringify(config, null, 2),
      );
    }
    return dir;
  };

  before(async () => {
    ({ dir: root, cleanup } = await makeTempDir());
  });
  after(() => cleanup());

  test('auths variants: auth, username/password, identitytoken, registrytoken, empty', async () => {
    const homeDir = await home({
      auths: {
        'ghcr.io': { auth: b64('octo:pat:with:colons') },
        'quay.io': { username: 'robot', password: 'pw' },
        'both.example': { auth: b64('from-auth:p1'), username: 'ignored', password: 'ignored' },
        'acr.example': { auth: b64('00000000-0000-0000-0000-000000000000:'), identitytoken: 'refresh-token' },
        'bearer.example': { registrytoken: 'bearer-token' },
        'empty.example': {},
        'emailonly.example': { email: 'a@b.c', auth: '' },
      },
    });
    const config = await loadDockerConfig({ env: {}, homeDir });
    assert.equal(config.exists, true);
    const creds = (registry: string) => authEntryCredentials(findAuthEntry(config, registry));
    assert.deepEqual(creds('ghcr.io'), { kind: 'basic', username: 'octo', password: 'pat:with:colons' });
    assert.deepEqual(creds('quay.io'), { kind: 'basic', username: 'robot', password: 'pw' });
    assert.deepEqual(creds('both.example'), { kind: 'basic', username: 'from-auth', password: 'p1' });
    assert.deepEqual(creds('acr.example'), { kind: 'identity-token', token: 'refresh-token' });
    assert.deepEqual(creds('bearer.example'), { kind: 'registry-token', token: 'bearer-token' });
    assert.equal(creds('empty.example'), undefined);
    assert.equal(creds('emailonly.example'), undefined);
    assert.equal(creds('other.example'), undefined);
  });

  test('registry keys are normalised: Docker Hub aliases, schemes, paths, case', async () => {
    const homeDir = await home({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:hubpw') },
        'http://LOCALHOST:5000/v2/': { auth: b64('local:localpw') },
        'https://ghcr.io': { auth: b64('gh:ghpw') },
      },
    });
    const provider = dockerConfigCredentialProvider({ env: {}, homeDir });
    for (const hub of [
      'docker.io',
      'index.docker.io',
      'registry-1.docker.io',
      'https://index.docker.io/v1/',
    ]) {
      assert.deepEqual(await provider(hub), { kind: 'basic', username: 'hub', password: 'hubpw' }, hub);
    }
    assert.deepEqual(await provider('localhost:5000'), {
      kind: 'basic',
      username: 'local',
      password: 'localpw',
    });
    assert.deepEqual(await provider('ghcr.io'), { kind: 'basic', username: 'gh', password: 'ghpw' });
    assert.equal(await provider('localhost:5001'), undefined);
  });

  test('an exact key wins over another key for the same host', async () => {
    const homeDir = await home({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('legacy:1') },
        'docker.io': { auth: b64('exact:2') },
      },
    });
    const config = await loadDockerConfig({ env: {}, homeDir });
    assert.deepEqual(authEntryCredentials(findAuthEntry(config, 'docker.io')), {
      kind: 'basic',
      username: 'exact',
      password: '2',
    });
  });

  test('DOCKER_CONFIG is used instead of ~/.docker/config.json', async () => {
    const homeDir = await home({ auths: { 'ghcr.io': { auth: b64('home:1') } } });
    const dockerConfigDir = join(root, 'docker-config-dir');
    await mkdir(dockerConfigDir, { recursive: true });
    await writeFile(
      join(dockerConfigDir, 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('env:2') } } }),
    );
    const provider = dockerConfigCredentialProvider({ env: { DOCKER_CONFIG: dockerConfigDir }, homeDir });
    assert.deepEqual(await provider('ghcr.io'), { kind: 'basic', username: 'env', password: '2' });
    // A DOCKER_CONFIG without a config.json does not fall back to ~/.docker (docker does not either).
    const emptyDir = join(root, 'empty-docker-config');
    await mkdir(emptyDir);
    const config = await loadDockerConfig({ env: { DOCKER_CONFIG: emptyDir }, homeDir });
    assert.equal(config.exists, false);
    assert.equal(config.path, join(emptyDir, 'config.json'));
    assert.equal(config.auths.size, 0);
  });

  test('podman/skopeo files: REGISTRY_AUTH_FILE, then ~/.docker, then XDG_RUNTIME_DIR, then XDG_CONFIG_HOME', async () => {
    const homeDir = await home();
    const runtime = join(root, 'runtime');
    await mkdir(join(runtime, 'containers'), { recursive: true });
    await writeFile(
      join(runtime, 'containers', 'auth.json'),
      JSON.stringify({ auths: { 'q.io': { auth: b64('rt:1') } } }),
    );
    const authFile = join(root, 'explicit-auth.json');
    await writeFile(authFile, JSON.stringify({ auths: { 'q.io': { auth: b64('raf:2') } } }));
    const lookup = async (env: Record<string, string>) =>
      authEntryCredentials(findAuthEntry(await loadDockerConfig({ env, homeDir }), 'q.io'));
    assert.deepEqual(await lookup({ XDG_RUNTIME_DIR: runtime }), {
      kind: 'basic',
      username: 'rt',
      password: '1',
    });
    assert.deepEqual(await lookup({ XDG_RUNTIME_DIR: runtime, REGISTRY_AUTH_FILE: authFile }), {
      kind: 'basic',
      username: 'raf',
      password: '2',
    });
    assert.deepEqual(
      dockerConfigCandidates({
        env: { XDG_RUNTIME_DIR: '/run/user/1', REGISTRY_AUTH_FILE: '/a.json' },
        homeDir: '/h',
      }).map((c) => c.source),
      ['REGISTRY_AUTH_FILE', 'docker-home', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME'],
    );
    assert.deepEqual(
      dockerConfigCandidates({ path: '/x/c.json', env: { DOCKER_CONFIG: '/d' }, homeDir: '/h' }).map(
        (c) => c.path,
      ),
      ['/x/c.json'],
    );
    // No file anywhere: an empty config at docker's default place.
    const none = await loadDockerConfig({ env: {}, homeDir });
    assert.deepEqual([none.exists, none.path], [false, join(homeDir, '.docker', 'config.json')]);
  });

  test('malformed JSON names the file, line and column, and never quotes it', async () => {
    const text = '{\n  "auths": {\n    "ghcr.io": { "auth": "c2VjcmV0LXVzZXI6aHVudGVyMg==" }\n  },,\n}\n';
    const homeDir = await home(text);
    const path = join(homeDir, '.docker', 'config.json');
    const error = await loadDockerConfig({ env: {}, homeDir }).catch((e: unknown) => e);
    assert.ok(error instanceof DockerConfigInvalidError);
    assert.equal(error.code, 'SLIPWAY_OCI_DOCKER_CONFIG_INVALID');
    assert.equal(error.path, path);
    assert.ok(error.message.includes(path));
    assert.match(error.message, /malformed JSON at line 4, column 5/);
    assert.doesNotMatch(inspect(error), /c2VjcmV0|hunter2/);
  });

  test('badly shaped entries are named without their values', async () => {
    const bad = async (config: unknown, pattern: RegExp) => {
      const homeDir = await home(config);
      const error = await loadDockerConfig({ env: {}, homeDir }).catch((e: unknown) => e);
      assert.ok(error instanceof DockerConfigInvalidError, String(error));
      assert.match(error.message, pattern);
      assert.doesNotMatch(error.message, /topsecret/);
    };
    await bad(
      { auths: { 'ghcr.io': { auth: 'topsecret-not-base64!' } } },
      /auths\["ghcr.io"\]\.auth must be base64/,
    );
    await bad({ auths: { 'ghcr.io': { auth: b64('topsecret-no-colon') } } }, /username:password/);
    await bad({ auths: { 'ghcr.io': { password: 42 } } }, /auths\["ghcr.io"\]\.password must be a string/);
    await bad({ auths: ['topsecret'] }, /`auths` must be an object/);
    await bad({ credHelpers: { 'ghcr.io': 1 } }, /credHelpers\["ghcr.io"\] must be a string/);
    await bad('["topsecret"]', /top level must be a JSON object/);
  });

  test('an empty file or a BOM is fine', async () => {
    assert.equal((await loadDockerConfig({ env: {}, homeDir: await home('') })).auths.size, 0);
    const withBom = `\ufeff${JSON.stringify({ auths: { 'ghcr.io': { auth: b64('a:b') } } })}`;
    assert.equal((await loadDockerConfig({ env: {}, homeDir: await home(withBom) })).auths.size, 1);
  });

  test('credHelpers, then credsStore, then auths; a helper without the entry falls back to auths', async () => {
    const bin = join(root, 'bin');
    const state = join(root, 'helper-state');
    await mkdir(state, { recursive: true });
    await writeHelperScript(bin, 'test', FILE_STORE_HELPER);
    await writeHelperScript(bin, 'other', 'cat > /dev/null\necho \'{"Username":"specific","Secret":"s1"}\'');
    const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HELPER_STATE: state };
    const homeDir = await home({
      credsStore: 'test',
      credHelpers: { 'special.example': 'other' },
      auths: { 'inline.example': { auth: b64('inline:pw') }, 'https://index.docker.io/v1/': {} },
    });
    await credentialHelperStore(
      'test',
      { serverUrl: 'https://index.docker.io/v1/', username: 'hub', secret: 'hs' },
      { env },
    );
    const provider = dockerConfigCredentialProvider({ env, homeDir });
    assert.deepEqual(await provider('special.example'), {
      kind: 'basic',
      username: 'specific',
      password: 's1',
    });
    assert.deepEqual(await provider('registry-1.docker.io'), {
      kind: 'basic',
      username: 'hub',
      password: 'hs',
    });
    assert.deepEqual(await provider('inline.example'), { kind: 'basic', username: 'inline', password: 'pw' });
    assert.equal(await provider('nothing.example'), undefined);
    const calls = (await readFile(join(state, 'calls'), 'utf8')).trim().split('\n');
    assert.deepEqual(calls, [
      'store https://index.docker.io/v1/',
      'get https://index.docker.io/v1/',
      'get inline.example',
      'get nothing.example',
    ]);
  });
});
