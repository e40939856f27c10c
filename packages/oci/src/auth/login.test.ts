import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InvalidLoginError } from './auth-errors';
import { FILE_STORE_HELPER, makeTempDir, writeHelperScript } from './auth-test-support';
import { dockerConfigCredentialProvider } from './docker-config-provider';
import { login, logout } from './login';

describe('login and logout', () => {
  let root = '';
  let cleanup = async () => {};
  let counter = 0;
  let helperEnv: Record<string, string> = {};
  let state = '';
  const freshDir = async () => {
    const dir = join(root, `case-${counter++}`);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const readJson = async (path: string): Promise<Record<string, unknown>> =>
    JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

  before(async () => {
    ({ dir: root, cleanup } = await makeTempDir());
    const bin = join(root, 'bin');
    state = join(root, 'state');
    await mkdir(state);
    await writeHelperScript(bin, 'test', FILE_STORE_HELPER);
    helperEnv = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HELPER_STATE: state };
  });
  after(() => cleanup());

  test('round trip: login writes an auth entry that lookups find, logout removes it', async () => {
    const homeDir = await freshDir();
    const dockerConfig = join(homeDir, 'nested', 'docker');
    const env = { DOCKER_CONFIG: dockerConfig };
    const path = join(dockerConfig, 'config.json');
    const result = await login({
      registry: 'https://ghcr.io/',
      username: 'octo',
      password: 'p@ss:word',
      env,
      homeDir,
    });
    assert.deepEqual(result, { path, serverUrl: 'ghcr.io' });
    assert.deepEqual(await readJson(path), {
      auths: { 'ghcr.io': { auth: Buffer.from('octo:p@ss:word').toString('base64') } },
    });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(dockerConfig)).mode & 0o777, 0o700);
    const provider = dockerConfigCredentialProvider({ env, homeDir });
    assert.deepEqual(await provider('ghcr.io'), { kind: 'basic', username: 'octo', password: 'p@ss:word' });
    assert.deepEqual(await logout({ registry: 'ghcr.io', env, homeDir }), { path, removed: true });
    assert.equal(await provider('ghcr.io'), undefined);
    assert.deepEqual(await readJson(path), { auths: {} });
    assert.deepEqual(await logout({ registry: 'ghcr.io', env, homeDir }), { path, removed: false });
    assert.deepEqual(await readdir(dockerConfig), ['config.json'], 'no temp file left behind');
  });

  test('every other key and entry is kept, written as 2-space JSON; mode becomes 0600', async () => {
    const homeDir = await freshDir();
    const path = join(homeDir, '.docker', 'config.json');
    await mkdir(join(homeDir, '.docker'));
    const original = {
      auths: { 'quay.io': { auth: Buffer.from('q:1').toString('base64'), email: 'a@b.c' } },
      HttpHeaders: { 'User-Agent': 'Docker-Client/24' },
      credHelpers: { 'gcr.io': 'gcloud' },
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
      currentContext: 'desktop-linux',
      plugins: { buildx: { x: '1' } },
    };
    await writeFile(path, JSON.stringify(original, null, '\t'), { mode: 0o644 });
    await login({ registry: 'ghcr.io', username: 'octo', password: 'pw', env: {}, homeDir });
    const text = await readFile(path, 'utf8');
    const expected = {
      ...original,
      auths: { ...original.auths, 'ghcr.io': { auth: Buffer.from('octo:pw').toString('base64') } },
    };
    assert.equal(text, `${JSON.stringify(expected, null, 2)}\n`);
    assert.deepEqual(Object.keys(JSON.parse(text) as object), Object.keys(original), 'key order kept');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  test('Docker Hub is stored under its legacy URL, replacing other keys for the same host', async () => {
    const homeDir = await freshDir();
    const path = join(homeDir, 'custom.json');
    await writeFile(
      path,
      JSON.stringify({ auths: { 'docker.io': { auth: 'b2xkOm9sZA==' }, 'index.docker.io': {} } }),
    );
    const result = await login({
      registry: 'docker.io',
      username: 'me',
      password: 'new',
      configPath: path,
      env: {},
      homeDir,
    });
    assert.equal(result.serverUrl, 'https://index.docker.io/v1/');
    assert.deepEqual(Object.keys((await readJson(path)).auths as object), ['https://index.docker.io/v1/']);
    const provider = dockerConfigCredentialProvider({ path, env: {}, homeDir });
    assert.deepEqual(await provider('docker.io'), { kind: 'basic', username: 'me', password: 'new' });
  });

  test('with credsStore the helper stores the secret and the file only gets an empty entry', async () => {
    const homeDir = await freshDir();
    const path = join(homeDir, '.docker', 'config.json');
    await mkdir(join(homeDir, '.docker'));
    await writeFile(
      path,
      JSON.stringify({ credsStore: 'test', auths: { 'ghcr.io': { auth: 'b2xkOm9sZA==' } } }),
    );
    const env = helperEnv;
    const result = await login({
      registry: 'ghcr.io',
      username: 'octo',
      password: 'helper-secret',
      env,
      homeDir,
    });
    assert.deepEqual(result, { path, serverUrl: 'ghcr.io', helper: 'test' });
    const text = await readFile(path, 'utf8');
    assert.doesNotMatch(text, /helper-secret|b2xkOm9sZA/);
    assert.deepEqual(JSON.parse(text), { credsStore: 'test', auths: { 'ghcr.io': {} } });
    const provider = dockerConfigCredentialProvider({ env, homeDir });
    assert.deepEqual(await provider('ghcr.io'), {
      kind: 'basic',
      username: 'octo',
      password: 'helper-secret',
    });
    assert.deepEqual(await logout({ registry: 'ghcr.io', env, homeDir }), { path, removed: true });
    assert.equal(await provider('ghcr.io'), undefined);
    const calls = (await readFile(join(state, 'calls'), 'utf8')).trim().split('\n');
    assert.deepEqual(calls, ['store ghcr.io', 'get ghcr.io', 'erase ghcr.io', 'get ghcr.io']);
  });

  test('a credHelpers entry for the registry is used for login too', async () => {
    const homeDir = await freshDir();
    const path = join(homeDir, 'config.json');
    await writeFile(path, JSON.stringify({ credHelpers: { 'reg.example:5000': 'test' } }));
    const result = await login({
      registry: 'reg.example:5000',
      username: 'u',
      password: 'pw',
      configPath: path,
      env: helperEnv,
      homeDir,
    });
    assert.equal(result.helper, 'test');
    assert.deepEqual(await readJson(path), {
      credHelpers: { 'reg.example:5000': 'test' },
      auths: { 'reg.example:5000': {} },
    });
  });

  test('a symlinked config.json is written through, keeping the link', async () => {
    const homeDir = await freshDir();
    await mkdir(join(homeDir, '.docker'));
    const real = join(homeDir, 'dotfiles-config.json');
    await writeFile(real, '{}');
    await symlink(real, join(homeDir, '.docker', 'config.json'));
    await login({ registry: 'ghcr.io', username: 'u', password: 'p', env: {}, homeDir });
    assert.ok((await lstat(join(homeDir, '.docker', 'config.json'))).isSymbolicLink());
    assert.ok(((await readJson(real)).auths as Record<string, unknown>)['ghcr.io']);
  });

  test('login writes to the credentials file lookups use (podman auth file when that is the one present)', async () => {
    const homeDir = await freshDir();
    const authFile = join(homeDir, 'auth.json');
    await writeFile(authFile, '{"auths":{}}');
    const env = { REGISTRY_AUTH_FILE: authFile };
    const result = await login({ registry: 'quay.io', username: 'u', password: 'p', env, homeDir });
    assert.equal(result.path, authFile);
  });

  test('empty or unstorable arguments are refused before anything is written', async () => {
    const homeDir = await freshDir();
    const base = { env: {}, homeDir };
    await assert.rejects(login({ ...base, registry: '', username: 'u', password: 'p' }), InvalidLoginError);
    await assert.rejects(login({ ...base, registry: 'r.io', username: '', password: 'p' }), /pass -u/);
    await assert.rejects(login({ ...base, registry: 'r.io', username: 'a:b', password: 'p' }), /":"/);
    await assert.rejects(login({ ...base, registry: 'r.io', username: 'u', password: '' }), /password-stdin/);
    await assert.rejects(stat(join(homeDir, '.docker')), { code: 'ENOENT' });
  });
});
