import { formatImageReference, parseImageReference } from '../../reference/parse-reference';
import { AmbiguousImageError, ImageNotFoundError, InvalidArchiveError } from '../errors';
import { parseJsonBytes } from '../shared/parse-manifest';
import { safeArchivePath } from '../tar/safe-path';

/** One image of a docker-archive's `manifest.json`, with its paths normalized and checked to stay inside. */
export interface DockerArchiveImage {
  /** Path of the config JSON inside the archive. */
  readonly config: string;
  /** Names given at save time (`busybox:latest`); may be empty for untagged saves. */
  readonly repoTags: readonly string[];
  /** Paths of the layer tars (plain, gzip or zstd), base layer first. */
  readonly layers: readonly string[];
}

function strings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Parses `manifest.json` (`[{Config, RepoTags, Layers}]`, as `docker save`, Kaniko and crane write it). */
export function parseManifestJson(bytes: Uint8Array, archive: string): DockerArchiveImage[] {
  const json = parseJsonBytes(bytes, `${archive} manifest.json`);
  if (!Array.isArray(json) || json.length === 0) {
    throw new InvalidArchiveError(archive, '`manifest.json` must be a non-empty list of images');
  }
  return json.map((entry: unknown, index) => {
    const { Config, RepoTags, Layers } = (entry ?? {}) as Record<string, unknown>;
    if (typeof Config !== 'string' || !strings(Layers) || !(RepoTags == null || strings(RepoTags))) {
      throw new InvalidArchiveError(
        archive,
        `\`manifest.json\` image ${index} needs Config (string), Layers (strings) and RepoTags (strings or null)`,
      );
    }
    return {
      config: safeArchivePath(archive, Config),
      repoTags: RepoTags ?? [],
      layers: Layers.map((layer) => safeArchivePath(archive, layer)),
    };
  });
}

function canonical(reference: string): string | undefined {
  try {
    return formatImageReference(parseImageReference(reference));
  } catch {
    return undefined;
  }
}

/** Whether a RepoTag names `wanted`: equal as written, or as references (`busybox` = `docker.io/library/busybox:latest`). */
export function matchesRepoTag(repoTag: string, wanted: string): boolean {
  if (repoTag === wanted) return true;
  const a = canonical(repoTag);
  return a !== undefined && a === canonical(wanted);
}

/** How each image is listed in messages: its tags, or `#index`. */
export function describeImages(images: readonly DockerArchiveImage[]): string[] {
  return images.map((image, index) => (image.repoTags.length > 0 ? image.repoTags.join(' ') : `#${index}`));
}

/** Chooses an image by RepoTag or position; with neither, the only image (several is an error). */
export function selectImage(
  images: readonly DockerArchiveImage[],
  choice: { tag?: string; index?: number },
  archive: string,
): number {
  if (choice.index !== undefined) {
    if (!Number.isInteger(choice.index) || choice.index < 0 || choice.index >= images.length) {
      throw new ImageNotFoundError(archive, `#${choice.index}`, describeImages(images));
    }
    return choice.index;
  }
  if (choice.tag !== undefined) {
    const wanted = choice.tag;
    const found = images.findIndex((image) =>
      image.repoTags.some((repoTag) => matchesRepoTag(repoTag, wanted)),
    );
    if (found === -1) throw new ImageNotFoundError(archive, wanted, describeImages(images));
    return found;
  }
  if (images.length > 1) throw new AmbiguousImageError(archive, describeImages(images));
  return 0;
}
