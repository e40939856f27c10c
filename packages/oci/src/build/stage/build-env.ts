import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Platform } from '../../model/descriptors';
import type { LayerCache } from '../cache/layer-cache';
import type { FileHasher } from '../context/file-hasher';
import type { BuildContext } from '../context/open-context';
import type { ParsedDockerfile } from '../dockerfile/parse-dockerfile';
import type { OpenRepository } from '../image/base-image';
import { applyLayerBlob, applyLayerEntries } from '../rootfs/apply-entries';
import { RootTree } from '../rootfs/root-tree';
import type { StageImage } from './stage-image';

/** Something that happened during a build, for progress output. */
export type BuildEvent =
  | { readonly type: 'step'; readonly stage: string; readonly line: number; readonly text: string }
  | { readonly type: 'cached'; readonly stage: string; readonly line: number }
  | { readonly type: 'output'; readonly stage: string; readonly text: string }
  | { readonly type: 'stage-done'; readonly stage: string; readonly layers: number };

/** What every stage of a build shares: inputs, settings, and the other stages. */
export interface BuildEnv {
  readonly dockerfile: ParsedDockerfile;
  readonly context: BuildContext;
  readonly hasher: FileHasher;
  readonly workDir: string;
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Values of the ARGs declared before the first FROM (with build-arg overrides). */
  readonly globalArgs: ReadonlyMap<string, string>;
  readonly platform: Platform;
  readonly openRepository: OpenRepository;
  readonly cache?: LayerCache;
  /** Where cache mounts (`RUN --mount=type=cache`) keep their content. */
  readonly mountCacheDir: string;
  readonly secrets: ReadonlyMap<string, string>;
  readonly network: boolean;
  readonly reproducible: boolean;
  /** The timestamp of layers and history: SOURCE_DATE_EPOCH when reproducible. */
  readonly created: Date;
  readonly gzipLevel: number;
  readonly bwrap: string;
  /** Bind the outer `/proc` into RUN sandboxes instead of mounting one (see `BuildOptions.nestedSandbox`). */
  readonly nestedSandbox: boolean;
  readonly onEvent: (event: BuildEvent) => void;
  /** The finished image of another stage, by name or index (built once, on first request). */
  stage(reference: string): Promise<StageImage> | undefined;
  /** An image named by `COPY --from=IMAGE`, loaded once. */
  image(reference: string): Promise<StageImage>;
}

/** The next cache key: the previous one extended by what a step is and reads. */
export function nextKey(previous: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(previous);
  for (const part of parts) hash.update(`\0${part}`);
  return hash.digest('hex');
}

/** The stage's root tree with every layer applied (made and filled on first need). */
export async function ensureTree(image: StageImage, workDir: string): Promise<RootTree> {
  image.tree ??= await RootTree.create(workDir);
  const tree = image.tree;
  for (; tree.applied < image.layers.length; tree.applied++) {
    const layer = image.layers[tree.applied];
    if (!layer) break;
    if (layer.entries) await applyLayerEntries(tree, layer.entries);
    else await applyLayerBlob(tree, await layer.open(), layer.descriptor);
  }
  return tree;
}

/** A stage layer held in memory. */
export function memoryOpener(bytes: Buffer): () => Promise<Readable> {
  return async () => Readable.from([bytes]);
}
