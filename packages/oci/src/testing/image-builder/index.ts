export {
  type BusyboxImageOptions,
  BusyboxUnavailableError,
  buildBusyboxImage,
  DEFAULT_BUSYBOX,
} from './busybox-image';
export { type AssembleImageOptions, assembleImage, imageIndex, MemoryImage } from './memory-image';
export { type RandomLayerImageOptions, randomLayerImage } from './random-layer-image';
