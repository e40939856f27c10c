import type { CredentialProvider, RegistryCredentials } from '../auth-types';
import { credentialHelperGet } from './credential-helper';
import {
  authEntryCredentials,
  type DockerConfig,
  findAuthEntry,
  findCredentialHelper,
  type LoadDockerConfigOptions,
  loadDockerConfig,
} from './docker-config';
import type { AuthEnv } from './docker-config-path';
import { normalizeRegistryKey, serverUrlFor } from './registry-key';

/** How credential helpers named in a docker config are run. */
export interface DockerConfigHelperOptions {
  /** Environment of the helper processes (its `PATH` finds `docker-credential-NAME`). */
  readonly env: AuthEnv;
  /** Per-helper timeout in milliseconds (default 30 s). */
  readonly helperTimeoutMs?: number;
}

/** Options of {@link dockerConfigCredentialProvider}. */
export interface DockerConfigCredentialProviderOptions extends LoadDockerConfigOptions {
  /** Per-helper timeout in milliseconds (default 30 s). */
  readonly helperTimeoutMs?: number;
}

/** The server URLs to ask a helper for: docker's canonical form first, then other keys the file uses for the host. */
function helperServerUrls(config: DockerConfig, registry: string): string[] {
  const host = normalizeRegistryKey(registry);
  const urls = [serverUrlFor(registry)];
  for (const key of config.auths.keys()) {
    if (normalizeRegistryKey(key) === host && !urls.includes(key)) urls.push(key);
  }
  return urls;
}

/**
 * Whether the config names a source for this registry itself: a `credHelpers` entry, an `auths`
 * entry with credentials, or (with `credsStore`) the empty `auths` entry docker leaves after a login.
 */
export function hasExplicitDockerCredentials(config: DockerConfig, registry: string): boolean {
  if (findCredentialHelper(config, registry)?.source === 'credHelpers') return true;
  const entry = findAuthEntry(config, registry);
  if (entry === undefined) return false;
  return authEntryCredentials(entry) !== undefined || config.credsStore !== undefined;
}

/**
 * Credentials for a registry from a loaded docker config: the registry's `credHelpers` helper, else
 * the `credsStore` helper, else the `auths` entry (also used when the helper has nothing stored).
 */
export async function dockerConfigCredentials(
  config: DockerConfig,
  registry: string,
  options: DockerConfigHelperOptions,
): Promise<RegistryCredentials | undefined> {
  const helper = findCredentialHelper(config, registry);
  if (helper) {
    const helperOptions = {
      env: options.env,
      ...(options.helperTimeoutMs !== undefined ? { timeoutMs: options.helperTimeoutMs } : {}),
    };
    for (const url of helperServerUrls(config, registry)) {
      const found = await credentialHelperGet(helper.helper, url, helperOptions);
      if (found) return found;
    }
  }
  return authEntryCredentials(findAuthEntry(config, registry));
}

/** A provider reading the docker/podman credentials file (found as {@link loadDockerConfig} does) at each lookup. */
export function dockerConfigCredentialProvider(
  options: DockerConfigCredentialProviderOptions,
): CredentialProvider {
  return async (registry) => dockerConfigCredentials(await loadDockerConfig(options), registry, options);
}
