import type { CredentialProvider } from '../auth-types';
import { type LoadDockerConfigOptions, loadDockerConfig } from './docker-config';
import { dockerConfigCredentials, hasExplicitDockerCredentials } from './docker-config-provider';
import { type EcrCredentialProviderOptions, ecrCredentialProvider } from './ecr-provider';
import { parseEcrRegistry } from './ecr-registry';

/** Options of {@link defaultCredentialProvider}. */
export interface DefaultCredentialProviderOptions extends LoadDockerConfigOptions {
  /** Per-helper timeout in milliseconds (default 30 s). */
  readonly helperTimeoutMs?: number;
  /** ECR settings (per-registry profiles/credentials, endpoint…), or `false` to never call AWS. */
  readonly ecr?: EcrCredentialProviderOptions | false;
}

/**
 * Slipway's credential lookup. For a private ECR host: the docker config when it names this host
 * itself (a `credHelpers` entry, an `auths` entry with credentials, or a `credsStore` login
 * placeholder) and that yields credentials, else an ECR token from AWS. For any other host: the
 * docker config (`credHelpers`, then `credsStore`, then `auths`). Otherwise anonymous (undefined).
 * The config file is read again at every lookup, so a login made meanwhile is seen.
 */
export function defaultCredentialProvider(options: DefaultCredentialProviderOptions): CredentialProvider {
  const ecr = options.ecr === false ? undefined : ecrCredentialProvider(options.ecr ?? {});
  return async (registry) => {
    const config = await loadDockerConfig(options);
    if (ecr && parseEcrRegistry(registry)) {
      if (hasExplicitDockerCredentials(config, registry)) {
        const found = await dockerConfigCredentials(config, registry, options);
        if (found) return found;
      }
      return ecr(registry);
    }
    return dockerConfigCredentials(config, registry, options);
  };
}
