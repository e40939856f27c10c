import { readFile } from 'node:fs/promises';
import type { RegistryCredentials } from '../auth-types';
import { DockerConfigAccessError, DockerConfigInvalidError } from './auth-errors';
import { type DockerConfigLocationOptions, findDockerConfigPath } from './docker-config-path';
import { normalizeRegistryKey } from './registry-key';

/** One `auths` entry of a docker config, decoded. Empty when docker keeps the secret in a credential helper. */
export interface DockerAuthEntry {
  readonly username?: string;
  readonly password?: string;
  /** docker's `identitytoken`: an OAuth2 refresh token. */
  readonly identityToken?: string;
  /** docker's `registrytoken`: a bearer token sent as is. */
  readonly registryToken?: string;
}

/** The credential-related parts of a docker `config.json` (or podman `auth.json`). */
export interface DockerConfig {
  /** The file read, or where docker would create it when none exists. */
  readonly path: string;
  /** Whether the file exists. */
  readonly exists: boolean;
  /** `auths`, keyed exactly as written in the file, in file order. */
  readonly auths: ReadonlyMap<string, DockerAuthEntry>;
  /** `credHelpers`: registry key as written → helper suffix (`ecr-login` for `docker-credential-ecr-login`). */
  readonly credHelpers: ReadonlyMap<string, string>;
  /** `credsStore`: the default helper suffix for every registry without a `credHelpers` entry. */
  readonly credsStore?: string;
}

/** Options of {@link loadDockerConfig}: an explicit `path`, or the environment and home to search. */
export type LoadDockerConfigOptions = DockerConfigLocationOptions;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/** Parses the JSON text of a config file; the error gives line and column but never quotes the content. */
export function parseConfigJson(text: string, path: string): JsonObject {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const match = /position (\d+)/.exec(message);
    const position = match?.[1] !== undefined ? Number(match[1]) : body.length;
    const { line, column } = lineAndColumn(body, position);
    // The parser's own message can quote the file (and so a password); only the place is reported.
    throw new DockerConfigInvalidError(path, `malformed JSON at line ${line}, column ${column}`);
  }
  if (!isObject(value)) throw new DockerConfigInvalidError(path, 'the top level must be a JSON object');
  return value;
}

function optionalString(value: unknown, path: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new DockerConfigInvalidError(path, `${where} must be a string`);
  return value === '' ? undefined : value;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeAuth(auth: string, path: string, key: string): { username: string; password: string } {
  const compact = auth.replace(/\s+/g, '');
  const decoded = BASE64.test(compact) ? Buffer.from(compact, 'base64').toString('utf8') : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon === -1) {
    throw new DockerConfigInvalidError(
      path,
      `auths[${JSON.stringify(key)}].auth must be base64 of "username:password"`,
    );
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function parseAuthEntry(value: unknown, path: string, key: string): DockerAuthEntry {
  const where = `auths[${JSON.stringify(key)}]`;
  if (!isObject(value)) throw new DockerConfigInvalidError(path, `${where} must be an object`);
  let username = optionalString(value.username, path, `${where}.username`);
  let password = optionalString(value.password, path, `${where}.password`);
  const auth = optionalString(value.auth, path, `${where}.auth`);
  if (auth !== undefined) {
    // As docker does: a non-empty `auth` wins over `username`/`password`.
    const decoded = decodeAuth(auth, path, key);
    username = decoded.username || undefined;
    password = decoded.password || undefined;
  }
  const identityToken = optionalString(value.identitytoken, path, `${where}.identitytoken`);
  const registryToken = optionalString(value.registrytoken, path, `${where}.registrytoken`);
  return {
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(identityToken !== undefined ? { identityToken } : {}),
    ...(registryToken !== undefined ? { registryToken } : {}),
  };
}

/** Validates and decodes the credential parts of a parsed config file. */
export function parseDockerConfig(raw: JsonObject, path: string, exists = true): DockerConfig {
  const auths = new Map<string, DockerAuthEntry>();
  if (raw.auths !== undefined && raw.auths !== null) {
    if (!isObject(raw.auths)) throw new DockerConfigInvalidError(path, '`auths` must be an object');
    for (const [key, entry] of Object.entries(raw.auths)) auths.set(key, parseAuthEntry(entry, path, key));
  }
  const credHelpers = new Map<string, string>();
  if (raw.credHelpers !== undefined && raw.credHelpers !== null) {
    if (!isObject(raw.credHelpers))
      throw new DockerConfigInvalidError(path, '`credHelpers` must be an object');
    for (const [key, helper] of Object.entries(raw.credHelpers)) {
      const name = optionalString(helper, path, `credHelpers[${JSON.stringify(key)}]`);
      if (name !== undefined) credHelpers.set(key, name);
    }
  }
  const credsStore = optionalString(raw.credsStore, path, '`credsStore`');
  return { path, exists, auths, credHelpers, ...(credsStore !== undefined ? { credsStore } : {}) };
}

/** Reads a config file as a JSON object; `undefined` when it does not exist. */
export async function readConfigObject(path: string): Promise<JsonObject | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DockerConfigAccessError(path, 'read', code ?? 'unknown error', { cause: error });
  }
  return parseConfigJson(text, path);
}

/**
 * Finds and reads the registry credentials file the way docker, podman and skopeo do (see
 * {@link dockerConfigCandidates} for the order). A missing file is an empty config.
 */
export async function loadDockerConfig(options: LoadDockerConfigOptions): Promise<DockerConfig> {
  const found = await findDockerConfigPath(options);
  const raw = found.exists ? await readConfigObject(found.path) : undefined;
  return parseDockerConfig(raw ?? {}, found.path, raw !== undefined);
}

function findByKey<T>(entries: ReadonlyMap<string, T>, registry: string): [string, T] | undefined {
  const exact = entries.get(registry);
  if (exact !== undefined) return [registry, exact];
  const host = normalizeRegistryKey(registry);
  for (const [key, value] of entries) {
    if (normalizeRegistryKey(key) === host) return [key, value];
  }
  return undefined;
}

/** The `auths` entry for a registry: the exact key first, else the first key naming the same host. */
export function findAuthEntry(config: DockerConfig, registry: string): DockerAuthEntry | undefined {
  return findByKey(config.auths, registry)?.[1];
}

/** The helper that holds a registry's credentials: its `credHelpers` entry, else `credsStore`. */
export function findCredentialHelper(
  config: DockerConfig,
  registry: string,
): { readonly helper: string; readonly source: 'credHelpers' | 'credsStore' } | undefined {
  const specific = findByKey(config.credHelpers, registry);
  if (specific) return { helper: specific[1], source: 'credHelpers' };
  return config.credsStore !== undefined ? { helper: config.credsStore, source: 'credsStore' } : undefined;
}

/** The credentials an `auths` entry holds: `registrytoken`, else `identitytoken`, else username/password. */
export function authEntryCredentials(entry: DockerAuthEntry | undefined): RegistryCredentials | undefined {
  if (!entry) return undefined;
  if (entry.registryToken !== undefined) return { kind: 'registry-token', token: entry.registryToken };
  if (entry.identityToken !== undefined) return { kind: 'identity-token', token: entry.identityToken };
  if (entry.username !== undefined || entry.password !== undefined) {
    return { kind: 'basic', username: entry.username ?? '', password: entry.password ?? '' };
  }
  return undefined;
}
