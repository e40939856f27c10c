export * from './auth-errors';
export { composeCredentialProviders } from './compose-providers';
export {
  type CredentialHelperOptions,
  credentialHelperErase,
  credentialHelperGet,
  credentialHelperList,
  credentialHelperStore,
  IDENTITY_TOKEN_USERNAME,
} from './credential-helper';
export { type DefaultCredentialProviderOptions, defaultCredentialProvider } from './default-provider';
export {
  authEntryCredentials,
  type DockerAuthEntry,
  type DockerConfig,
  findAuthEntry,
  findCredentialHelper,
  type LoadDockerConfigOptions,
  loadDockerConfig,
  parseDockerConfig,
} from './docker-config';
export {
  type AuthEnv,
  type DockerConfigCandidate,
  type DockerConfigLocationOptions,
  defaultDockerConfigPath,
  dockerConfigCandidates,
  findDockerConfigPath,
} from './docker-config-path';
export {
  type DockerConfigCredentialProviderOptions,
  type DockerConfigHelperOptions,
  dockerConfigCredentialProvider,
  dockerConfigCredentials,
  hasExplicitDockerCredentials,
} from './docker-config-provider';
export {
  decodeEcrToken,
  type EcrApiClient,
  type EcrAwsCredentials,
  type EcrCredentialProviderOptions,
  type EcrRegistrySettings,
  ecrClientConfig,
  ecrCredentialProvider,
} from './ecr-provider';
export { type AwsPartition, type EcrRegistry, parseEcrRegistry } from './ecr-registry';
export { type CachedEcrToken, EcrTokenCache } from './ecr-token-cache';
export {
  type LoginFileOptions,
  type LoginOptions,
  type LoginResult,
  type LogoutOptions,
  type LogoutResult,
  login,
  logout,
} from './login';
export { DOCKER_HUB_SERVER_URL, normalizeRegistryKey, serverUrlFor } from './registry-key';
