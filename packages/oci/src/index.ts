export { InvalidReferenceError, OciError } from './errors';
export {
  DOCKER_HUB,
  formatImageReference,
  type ImageReference,
  parseImageReference,
} from './reference/parse-reference';
