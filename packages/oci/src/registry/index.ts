export { MAX_MANIFEST_BYTES } from './manifest-operations';
export { RegistryClient } from './registry-client';
export {
  RegistryAuthError,
  RegistryError,
  type RegistryErrorContext,
  type RegistryErrorDetail,
  RegistryOptionsError,
  RegistryTlsError,
} from './registry-error';
export {
  DEFAULT_REGISTRY_TIMEOUTS,
  DEFAULT_RETRY_POLICY,
  DEFAULT_USER_AGENT,
  type FetchLike,
  type RegistryClientOptions,
  type RegistryTimeouts,
  type RetryPolicy,
  type TransferProgress,
} from './registry-options';
export { RegistryRepository } from './registry-repository';
export { isLoopbackRegistry } from './scheme';
export type { ListTagsOptions } from './tag-list';
export { ResponseTooLargeError, TransferTimeoutError } from './timed-fetch';
export type { OpenBlob } from './upload-session';
export { type AuthChallenge, parseWwwAuthenticate } from './www-authenticate';
