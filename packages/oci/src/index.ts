export { InvalidReferenceError, OciError } from './errors';
export type { CredentialProvider, RegistryCredentials } from './auth-types';
export * from './copy';
export * from './memory';
export * from './model';
export { DOCKER_HUB, formatImageReference, parseImageReference, type ImageReference } from './reference/parse-reference';
