import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verified } from '../../formats/shared/read-blob';
import type { CachedLayer, CacheHit, LayerCache } from './layer-cache';

async function writeAtomic(path: string, bytes: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/** A layer cache in a directory: `steps/<key>.json` records and `blobs/<hex>` layer blobs. */
export class LocalLayerCache implements LayerCache {
  readonly name: string;

  constructor(private readonly dir: string) {
    this.name = `cache directory ${dir}`;
  }

  private blobPath(digest: string): string {
    return join(this.dir, 'blobs', digest.replace(':', '-'));
  }

  async get(key: string): Promise<CacheHit | undefined> {
    const text = await readFile(join(this.dir, 'steps', `${key}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let layer: CachedLayer;
    try {
      layer = JSON.parse(text) as CachedLayer;
    } catch {
      return undefined;
    }
    const path = this.blobPath(layer.descriptor.digest);
    if (!(await stat(path).catch(() => undefined))) return undefined;
    const where = `${this.name} blob ${layer.descriptor.digest}`;
    return { ...layer, open: async () => verified(createReadStream(path), layer.descriptor, where) };
  }

  async put(key: string, layer: CachedLayer, bytes: Buffer): Promise<void> {
    await mkdir(join(this.dir, 'steps'), { recursive: true });
    await mkdir(join(this.dir, 'blobs'), { recursive: true });
    await writeAtomic(this.blobPath(layer.descriptor.digest), bytes);
    await writeAtomic(
      join(this.dir, 'steps', `${key}.json`),
      JSON.stringify({ descriptor: layer.descriptor, diffId: layer.diffId }),
    );
  }
}
