export { InvalidReferenceError, OciError } from './errors';
export type { CredentialProvider, RegistryCredentials } from './auth-types';
export * from './model';
export { DOCKER_HUB, formatImageReference, parseImageReference, type ImageReference } from './reference/parse-reference';
