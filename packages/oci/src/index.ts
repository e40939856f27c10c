export { InvalidReferenceError, OciError } from './errors';
export { DOCKER_HUB, formatImageReference, parseImageReference, type ImageReference } from './reference/parse-reference';
