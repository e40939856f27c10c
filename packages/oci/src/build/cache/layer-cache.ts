import type { Readable } from 'node:stream';
import type { Descriptor, Digest } from '../../model/descriptors';

/** What a cached step produced: its layer blob and diffId. */
export interface CachedLayer {
  readonly descriptor: Descriptor;
  readonly diffId: Digest;
}

/** A hit: the layer and how to read its blob. */
export interface CacheHit extends CachedLayer {
  open(): Promise<Readable>;
}

/** Where layers of earlier builds are kept, by the cache key of the step that made them. */
export interface LayerCache {
  readonly name: string;
  get(key: string): Promise<CacheHit | undefined>;
  put(key: string, layer: CachedLayer, bytes: Buffer): Promise<void>;
}

/** Tries caches in order; stores into every one. */
export function combinedCache(caches: readonly LayerCache[]): LayerCache {
  return {
    name: caches.map((cache) => cache.name).join(' + '),
    async get(key) {
      for (const cache of caches) {
        const hit = await cache.get(key);
        if (hit) return hit;
      }
      return undefined;
    },
    async put(key, layer, bytes) {
      await Promise.all(caches.map((cache) => cache.put(key, layer, bytes)));
    },
  };
}
