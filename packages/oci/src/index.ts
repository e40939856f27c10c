export { InvalidReferenceError, OciError } from './errors';
export * from './model';
export { DOCKER_HUB, formatImageReference, parseImageReference, type ImageReference } from './reference/parse-reference';
