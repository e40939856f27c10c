import { createCipheriv, createHash } from 'node:crypto';
import { createLayer } from '../../formats/layer/create-layer';
import { assembleImage, type MemoryImage } from './memory-image';

/** Options for `randomLayerImage`. */
export interface RandomLayerImageOptions {
  /** Number of layers. */
  layers: number;
  /** Size of the one file in each layer; the gzip blob is a little larger (the content does not compress). */
  bytesPerLayer: number;
  /** Same seed, same bytes and digests; default 1. */
  seed?: number;
  /** Image name and tag; default `slipway.test/random:latest`. */
  tag?: string;
}

/** Deterministic incompressible bytes: the AES-256-CTR keystream for a key derived from the seed and layer. */
function randomBytesFor(seed: number, layer: number, size: number): Buffer {
  const key = createHash('sha256').update(`slipway-random-layer:${seed}:${layer}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

/**
 * An image of `layers` layers, each one file of `bytesPerLayer` pseudo-random bytes, for push and pull
 * benchmarks. Layers are stored with gzip level 0 (random data does not compress; deflating it only costs
 * time). Everything is held in memory: about twice `layers × bytesPerLayer` while building.
 */
export async function randomLayerImage(options: RandomLayerImageOptions): Promise<MemoryImage> {
  const seed = options.seed ?? 1;
  const layers = [];
  for (let i = 0; i < options.layers; i++) {
    const content = randomBytesFor(seed, i, options.bytesPerLayer);
    layers.push(
      await createLayer(
        [
          { type: 'directory', path: 'data' },
          { type: 'file', path: `data/layer-${i}.bin`, content },
        ],
        { reproducible: true, gzipLevel: 0 },
      ),
    );
  }
  return assembleImage(layers, {
    reference: options.tag ?? 'slipway.test/random:latest',
    history: layers.map((_, i) => `slipway randomLayerImage: seed ${seed} layer ${i}`),
  });
}
