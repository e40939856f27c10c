export * from './auth';
export type { CredentialProvider, RegistryCredentials } from './auth-types';
export * from './build';
export * from './copy';
export { InvalidReferenceError, OciError } from './errors';
export * from './formats';
export * from './memory';
export * from './model';
export {
  DOCKER_HUB,
  formatImageReference,
  type ImageReference,
  parseImageReference,
} from './reference/parse-reference';
export * from './registry';
export * from './scan';
