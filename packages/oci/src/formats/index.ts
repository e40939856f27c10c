export type { DockerArchiveImage } from './docker-archive/manifest-json';
export {
  type DockerArchiveSource,
  type OpenDockerArchiveOptions,
  openDockerArchive,
} from './docker-archive/open-docker-archive';
export {
  type WriteDockerArchiveOptions,
  type WrittenDockerArchive,
  writeDockerArchive,
} from './docker-archive/write-docker-archive';
export {
  AmbiguousImageError,
  ImageNotFoundError,
  InvalidArchiveError,
  MalformedManifestError,
  MissingBlobError,
  UnsafeArchivePathError,
  UnsafeTarError,
  UnsupportedCompressionError,
} from './errors';
export { type Compression, detectCompression } from './layer/compression';
export { createLayer, sortLayerEntries } from './layer/create-layer';
export {
  type CreateLayerOptions,
  type EntryMetadata,
  type FileContent,
  type LayerBlob,
  type LayerEntry,
  OPAQUE_MARKER,
  WHITEOUT_PREFIX,
} from './layer/layer-entry';
export {
  createLayerFromDirectory,
  type DirectoryLayerOptions,
  directoryEntries,
} from './layer/layer-from-directory';
export { type LayerEntryInfo, type LayerEntryRead, readLayer, readLayerEntries } from './layer/read-layer';
export { REF_NAME } from './oci-layout/layout-index';
export { createOciLayout, OciLayoutSink } from './oci-layout/oci-layout-sink';
export {
  type OciLayoutSource,
  type OpenOciLayoutOptions,
  openOciArchive,
  openOciLayout,
} from './oci-layout/open-oci-layout';
export { writeOciArchive } from './oci-layout/write-oci-archive';
export { type WriteLayoutOptions, type WrittenImage, writeOciLayout } from './oci-layout/write-oci-layout';
export { type ParsedManifest, parseImageConfig, parseManifest } from './shared/parse-manifest';
export { openVerifiedBlob, readVerifiedBlob } from './shared/read-blob';
export { type ResolvedImage, type ResolveImageOptions, resolveImage } from './shared/resolve-image';
