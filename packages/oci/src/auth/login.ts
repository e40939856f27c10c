import { resolve } from 'node:path';
import { InvalidLoginError } from './auth-errors';
import { credentialHelperErase, credentialHelperStore } from './credential-helper';
import { findCredentialHelper, parseDockerConfig, readConfigObject } from './docker-config';
import { type AuthEnv, findDockerConfigPath } from './docker-config-path';
import { normalizeRegistryKey, serverUrlFor } from './registry-key';
import { writeConfigFile } from './write-config-file';

/** Where the credentials file is and how helpers run, shared by {@link login} and {@link logout}. */
export interface LoginFileOptions {
  /** The credentials file to change; default: the file lookups use (see `dockerConfigCandidates`), else `~/.docker/config.json`. */
  readonly configPath?: string;
  /** Environment (`DOCKER_CONFIG`, `REGISTRY_AUTH_FILE`…, and `PATH` for credential helpers). */
  readonly env: AuthEnv;
  /** The user's home directory. */
  readonly homeDir: string;
  /** Per-helper timeout in milliseconds (default 30 s). */
  readonly helperTimeoutMs?: number;
}

/** Options of {@link login}. */
export interface LoginOptions extends LoginFileOptions {
  /** Registry host (`ghcr.io`, `127.0.0.1:5000`, `docker.io`); a URL is reduced to its host. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

/** Options of {@link logout}. */
export interface LogoutOptions extends LoginFileOptions {
  /** Registry host to forget. */
  readonly registry: string;
}

/** What {@link login} changed. */
export interface LoginResult {
  /** The credentials file written. */
  readonly path: string;
  /** The key written under `auths` (and given to the helper). */
  readonly serverUrl: string;
  /** The credential helper that now holds the secret, when one is configured. */
  readonly helper?: string;
}

/** What {@link logout} changed. */
export interface LogoutResult {
  readonly path: string;
  /** Whether anything was removed (from the file or the helper). */
  readonly removed: boolean;
}

type JsonObject = Record<string, unknown>;

async function configTarget(options: LoginFileOptions): Promise<string> {
  if (options.configPath !== undefined) return resolve(options.configPath);
  return (await findDockerConfigPath({ env: options.env, homeDir: options.homeDir })).path;
}

function helperOptions(options: LoginFileOptions) {
  return {
    env: options.env,
    ...(options.helperTimeoutMs !== undefined ? { timeoutMs: options.helperTimeoutMs } : {}),
  };
}

function authsOf(raw: JsonObject): JsonObject {
  const auths = raw.auths;
  if (typeof auths === 'object' && auths !== null && !Array.isArray(auths)) return auths as JsonObject;
  const created: JsonObject = {};
  raw.auths = created;
  return created;
}

function keysForHost(auths: JsonObject, registry: string): string[] {
  const host = normalizeRegistryKey(registry);
  return Object.keys(auths).filter((key) => normalizeRegistryKey(key) === host);
}

/**
 * Stores registry credentials like `docker login` (without contacting the registry): in the
 * registry's `credHelpers` helper or the `credsStore` helper when configured (leaving an empty
 * `auths` entry, as docker does), else as a base64 `auth` entry. Other entries for the same host
 * are replaced; every other key of the file is kept. The file is written atomically with mode 0600.
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const registry = normalizeRegistryKey(options.registry);
  if (registry === '') throw new InvalidLoginError('the registry is empty; give a host such as ghcr.io');
  if (options.username === '') throw new InvalidLoginError('the username is empty; pass -u USERNAME');
  if (options.username.includes(':')) {
    throw new InvalidLoginError('the username contains ":", which docker config files cannot store');
  }
  if (options.password === '')
    throw new InvalidLoginError('the password is empty; pipe it to --password-stdin');
  const path = await configTarget(options);
  const raw = (await readConfigObject(path)) ?? {};
  const config = parseDockerConfig(raw, path);
  const serverUrl = serverUrlFor(registry);
  const helper = findCredentialHelper(config, registry);
  if (helper) {
    await credentialHelperStore(
      helper.helper,
      { serverUrl, username: options.username, secret: options.password },
      helperOptions(options),
    );
  }
  const auths = authsOf(raw);
  for (const key of keysForHost(auths, registry)) delete auths[key];
  auths[serverUrl] = helper
    ? {}
    : { auth: Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64') };
  await writeConfigFile(path, raw);
  return { path, serverUrl, ...(helper ? { helper: helper.helper } : {}) };
}

/**
 * Forgets a registry's credentials like `docker logout`: erases them from its helper (if any) and
 * removes every `auths` entry for the host. A helper failure is thrown after the file is updated.
 */
export async function logout(options: LogoutOptions): Promise<LogoutResult> {
  const registry = normalizeRegistryKey(options.registry);
  const path = await configTarget(options);
  const raw = await readConfigObject(path);
  if (raw === undefined) return { path, removed: false };
  const config = parseDockerConfig(raw, path);
  const auths = authsOf(raw);
  const keys = keysForHost(auths, registry);
  let removed = false;
  let helperError: unknown;
  const helper = findCredentialHelper(config, registry);
  if (helper) {
    const urls = [serverUrlFor(registry), ...keys.filter((key) => key !== serverUrlFor(registry))];
    try {
      for (const url of urls) {
        if (await credentialHelperErase(helper.helper, url, helperOptions(options))) removed = true;
      }
    } catch (error) {
      helperError = error;
    }
  }
  if (keys.length > 0) {
    for (const key of keys) delete auths[key];
    await writeConfigFile(path, raw);
    removed = true;
  }
  if (helperError !== undefined) throw helperError;
  return { path, removed };
}
