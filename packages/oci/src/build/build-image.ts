import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { hostPlatform } from '../copy/plan';
import type { ImageConfig } from '../model/descriptors';
import type { BuildOptions } from './build-options';
import { combinedCache, type LayerCache } from './cache/layer-cache';
import { LocalLayerCache } from './cache/local-cache';
import { RegistryLayerCache } from './cache/registry-cache';
import { FileHasher } from './context/file-hasher';
import { openContext, parseContextSpec } from './context/open-context';
import { type DockerfileStage, type ParsedDockerfile, parseDockerfile } from './dockerfile/parse-dockerfile';
import { shellWord } from './dockerfile/shell-words';
import { BuildOptionsError } from './errors';
import { loadBaseImage } from './image/base-image';
import { BuiltImage } from './image/built-image';
import { type BuildEnv, nextKey } from './stage/build-env';
import { buildStage } from './stage/build-stage';
import { keyValues } from './stage/metadata';
import type { StageImage } from './stage/stage-image';

/** A finished build: the image (an ImageSource for the outputs) and a cleanup of its temporary files. */
export interface BuildResult {
  readonly image: BuiltImage;
  /** The stages that were built (unused ones are skipped), by name or index. */
  readonly stagesBuilt: readonly string[];
  close(): Promise<void>;
}

function globalArgValues(
  dockerfile: ParsedDockerfile,
  buildArgs: ReadonlyMap<string, string>,
): Map<string, string> {
  const values = new Map<string, string>();
  for (const instruction of dockerfile.globalArgs) {
    for (const [name, fallback] of keyValues(instruction, {
      file: dockerfile.file,
      vars: values,
      escape: dockerfile.escape,
    })) {
      const value = buildArgs.get(name) ?? (instruction.args.includes('=') ? fallback : undefined);
      if (value !== undefined) values.set(name, value);
    }
  }
  return values;
}

function findStage(dockerfile: ParsedDockerfile, reference: string): DockerfileStage | undefined {
  const lower = reference.toLowerCase();
  return (
    dockerfile.stages.find((stage) => stage.name === lower) ??
    (/^\d+$/.test(reference) ? dockerfile.stages[Number(reference)] : undefined)
  );
}

/** Stages a stage needs (FROM an earlier stage, `COPY --from`), found before building so they start in parallel. */
function dependencies(
  stage: DockerfileStage,
  dockerfile: ParsedDockerfile,
  args: ReadonlyMap<string, string>,
): DockerfileStage[] {
  const names = [
    stage.base,
    ...stage.instructions.flatMap((i) => i.flags.filter((f) => f.name === 'from').map((f) => f.value ?? '')),
  ];
  return names
    .map((name) => {
      try {
        return findStage(dockerfile, shellWord(name, args, dockerfile.escape));
      } catch {
        return undefined;
      }
    })
    .filter((found): found is DockerfileStage => found !== undefined && found.index < stage.index);
}

async function openCaches(options: BuildOptions): Promise<LayerCache | undefined> {
  const caches: LayerCache[] = [];
  if (options.cache?.dir) caches.push(new LocalLayerCache(options.cache.dir));
  if (options.cache?.repository) caches.push(new RegistryLayerCache(options.cache.repository));
  return caches.length > 0 ? combinedCache(caches) : undefined;
}

function finalConfig(image: StageImage, options: BuildOptions, created: Date): ImageConfig {
  const config = structuredClone(image.config);
  config.created = created.toISOString();
  config.rootfs = { type: 'layers', diff_ids: image.layers.map((layer) => layer.diffId) };
  if (options.labels && Object.keys(options.labels).length > 0) {
    config.config = {
      ...(config.config ?? {}),
      Labels: { ...(config.config?.Labels ?? {}), ...options.labels },
    };
  }
  return config;
}

/**
 * Builds an image from a Dockerfile without a daemon: stages the target needs (in parallel when independent),
 * RUN in bubblewrap over each stage's tree, layers from file-system diffs, a layer cache when asked.
 */
export async function buildImage(options: BuildOptions): Promise<BuildResult> {
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'slipway-build-'));
  const trees: StageImage[] = [];
  const cleanup = async () => {
    await Promise.all(trees.map((image) => image.tree?.remove()));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const spec =
      typeof options.context === 'string' ? await parseContextSpec(options.context) : options.context;
    const context = await openContext(spec, workDir);
    const dockerfilePath = options.dockerfile ?? 'Dockerfile';
    const path = isAbsolute(dockerfilePath) ? dockerfilePath : join(context.dir, dockerfilePath);
    const text = await readFile(path, 'utf8').catch(() => {
      throw new BuildOptionsError('--dockerfile', `\`${dockerfilePath}\` cannot be read`);
    });
    const dockerfile = parseDockerfile(text, dockerfilePath);
    const buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
    const globalArgs = globalArgValues(dockerfile, buildArgs);
    const target =
      options.target === undefined ? dockerfile.stages.at(-1) : findStage(dockerfile, options.target);
    if (!target) {
      const names = dockerfile.stages.map((stage) => stage.name ?? String(stage.index)).join(', ');
      throw new BuildOptionsError(
        '--target',
        `no stage \`${options.target}\` in ${dockerfilePath} (stages: ${names})`,
      );
    }
    const cacheDir = options.cache?.dir;
    const hasher = await FileHasher.open(cacheDir ? join(cacheDir, 'file-hashes.json') : undefined);
    const mountCacheDir = cacheDir ? join(cacheDir, 'mounts') : join(workDir, 'mounts');
    await mkdir(mountCacheDir, { recursive: true });
    const created = new Date(options.reproducible ? (options.sourceDateEpoch ?? 0) * 1000 : Date.now());
    const stages = new Map<number, Promise<StageImage>>();
    const images = new Map<string, Promise<StageImage>>();
    const platform = options.platform ?? hostPlatform();
    const cache = await openCaches(options);
    const env: BuildEnv = {
      dockerfile,
      context,
      hasher,
      workDir,
      buildArgs,
      globalArgs,
      platform,
      openRepository: options.openRepository,
      ...(cache ? { cache } : {}),
      mountCacheDir,
      secrets: new Map(Object.entries(options.secrets ?? {})),
      network: options.network ?? true,
      reproducible: options.reproducible === true,
      created,
      gzipLevel: options.compressionLevel ?? 6,
      bwrap: options.bwrap ?? 'bwrap',
      nestedSandbox: options.nestedSandbox === true,
      onEvent: options.onEvent ?? (() => {}),
      stage: (reference) => {
        const stage = findStage(dockerfile, reference);
        return stage ? run(stage) : undefined;
      },
      image: (reference) => {
        let loaded = images.get(reference);
        if (!loaded) {
          loaded = loadBaseImage(reference, options.openRepository, platform).then((image) => {
            const withKey = { ...image, key: nextKey('from', image.key) };
            trees.push(withKey);
            return withKey;
          });
          images.set(reference, loaded);
        }
        return loaded;
      },
    };
    function run(stage: DockerfileStage): Promise<StageImage> {
      let started = stages.get(stage.index);
      if (!started) {
        for (const dependency of dependencies(stage, dockerfile, globalArgs)) run(dependency).catch(() => {});
        started = buildStage(stage, env).then((image) => {
          trees.push(image);
          return image;
        });
        stages.set(stage.index, started);
      }
      return started;
    }
    let finished: StageImage;
    try {
      finished = await run(target);
    } finally {
      await Promise.allSettled(stages.values());
      await hasher.save();
      await context.close();
    }
    const image = new BuiltImage(finished, finalConfig(finished, options, created));
    const stagesBuilt = [...stages.keys()]
      .sort((a, b) => a - b)
      .map((index) => dockerfile.stages[index]?.name ?? String(index));
    return { image, stagesBuilt, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
