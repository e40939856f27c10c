export { type ArtifactStore, DirectoryArtifactStore } from './artifacts/artifact-store';
export {
  ArtifactError,
  ImagePullError,
  PodSpecError,
  SandboxError,
  UnsafeLayerError,
  UnsupportedTemplateError,
} from './errors';
export {
  type CachedImage,
  defaultPullPolicy,
  ImageCache,
  type ImageCacheEvent,
  type ImageCacheOptions,
  type ImagePullPolicy,
} from './image/image-cache';
export {
  type ImageSourceResolver,
  type RegistryImageResolverOptions,
  type ResolvedImageSource,
  registryImageResolver,
  staticImageResolver,
} from './image/image-source-resolver';
export type { ImageRunConfig } from './image/run-config';
export type { BuiltinTool, BuiltinToolsOptions } from './pod/builtin-tools';
export type { KeyValueLookup } from './pod/env';
export type { HttpPodOutcome } from './run/http-template';
export { DEADLINE_MESSAGE, LocalExecutor, type LocalExecutorOptions } from './run/local-executor';
export { ANNOTATION_ISOLATION, ANNOTATION_NETWORK } from './run/pod-context';
export type { Isolation } from './run/pod-deps';
export { DEFAULT_HOST_TOOLS, type HostTools } from './sandbox/host-tools';
export type { RootfsMode } from './sandbox/pod-root';
