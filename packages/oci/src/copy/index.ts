export {
  type BlobMounter,
  type CopyDestination,
  type CopyEvent,
  type CopyOptions,
  type CopyResult,
  copyImage,
  type DestinationResult,
} from './copy-image';
export {
  type CopyPlan,
  formatPlatform,
  hostPlatform,
  PlatformNotFoundError,
  parsePlatform,
  planCopy,
} from './plan';
export { type SpooledBlob, spoolBlob } from './spool';
