export { type BuildResult, buildImage } from './build-image';
export type { BuildOptions } from './build-options';
export { type CachedLayer, type CacheHit, combinedCache, type LayerCache } from './cache/layer-cache';
export { LocalLayerCache } from './cache/local-cache';
export { type CacheRepository, RegistryLayerCache } from './cache/registry-cache';
export { compileDockerignore, type IgnoreMatcher } from './context/dockerignore';
export { type ContextSpec, parseContextSpec } from './context/open-context';
export {
  type DockerfileInstruction,
  type DockerfileStage,
  type InstructionFlag,
  type ParsedDockerfile,
  parseDockerfile,
} from './dockerfile/parse-dockerfile';
export {
  BuildFetchError,
  BuildOptionsError,
  ContextEscapeError,
  DockerfileSyntaxError,
  RunFailedError,
  SourceNotFoundError,
  UnknownBuildFlagError,
} from './errors';
export type { OpenRepository } from './image/base-image';
export { BuiltImage } from './image/built-image';
export { type BuildInvocation, KANIKO_FLAGS, parseKanikoArgs } from './kaniko-args';
export { type PublishOptions, type PublishResult, publishImage } from './publish';
export type { BuildEvent } from './stage/build-env';
