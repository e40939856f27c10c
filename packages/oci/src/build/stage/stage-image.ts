import type { Readable } from 'node:stream';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import type { Descriptor, Digest, ImageConfig } from '../../model/descriptors';
import type { RootTree } from '../rootfs/root-tree';

/** A layer of a stage: its blob (opened on demand) and, when built here, its entries for a quick apply. */
export interface StageLayer {
  readonly descriptor: Descriptor;
  readonly diffId: Digest;
  open(): Promise<Readable>;
  readonly entries?: readonly LayerEntry[];
}

/** A stage's image as it grows: layers, config, the cache key of its state, and its root tree once needed. */
export interface StageImage {
  layers: StageLayer[];
  config: ImageConfig;
  /** A digest of everything that made this state: the base, then each instruction and its inputs. */
  key: string;
  tree?: RootTree;
}
