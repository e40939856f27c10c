import { Readable } from 'node:stream';
import { parseManifest } from '../../formats/shared/parse-manifest';
import { readVerifiedBlob } from '../../formats/shared/read-blob';
import type { Descriptor, RawManifest } from '../../model/descriptors';
import { sha256Digest } from '../../model/digest';
import type { ImageSink, ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import type { CachedLayer, CacheHit, LayerCache } from './layer-cache';

/** A repository that can be read and written: what `--cache-repo` names. */
export type CacheRepository = ImageSource & ImageSink;

/**
 * A layer cache in a registry repository, so that short-lived CI machines share it: each step is a one-layer
 * image tagged with its cache key, whose config records the layer's diffId.
 */
export class RegistryLayerCache implements LayerCache {
  readonly name: string;

  constructor(private readonly repository: CacheRepository) {
    this.name = `cache repository ${repository.name}`;
  }

  async get(key: string): Promise<CacheHit | undefined> {
    let raw: RawManifest;
    try {
      raw = await this.repository.getManifest(key);
    } catch {
      return undefined;
    }
    const parsed = parseManifest(raw, `${this.name}:${key}`);
    if (parsed.kind !== 'manifest') return undefined;
    const descriptor = parsed.manifest.layers[0];
    if (!descriptor) return undefined;
    const config = JSON.parse(
      (await readVerifiedBlob(this.repository, parsed.manifest.config)).toString('utf8'),
    ) as {
      rootfs?: { diff_ids?: string[] };
    };
    const diffId = config.rootfs?.diff_ids?.[0];
    if (!diffId?.startsWith('sha256:')) return undefined;
    return {
      descriptor,
      diffId: diffId as CachedLayer['diffId'],
      open: () => this.repository.openBlob(descriptor),
    };
  }

  async put(key: string, layer: CachedLayer, bytes: Buffer): Promise<void> {
    const configBytes = Buffer.from(
      JSON.stringify({
        architecture: 'unknown',
        os: 'unknown',
        rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      }),
    );
    const config: Descriptor = {
      mediaType: MediaType.ociConfig,
      digest: sha256Digest(configBytes),
      size: configBytes.byteLength,
    };
    for (const [descriptor, content] of [
      [layer.descriptor, bytes],
      [config, configBytes],
    ] as const) {
      if (!(await this.repository.hasBlob(descriptor))) {
        await this.repository.putBlob(descriptor, async () => Readable.from([content]));
      }
    }
    const manifestBytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config,
        layers: [layer.descriptor],
      }),
    );
    await this.repository.putManifest(
      { mediaType: MediaType.ociManifest, digest: sha256Digest(manifestBytes), bytes: manifestBytes },
      key,
    );
  }
}
