import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Descriptor,
  type Digest,
  type ImageSource,
  type Platform,
  parseImageConfig,
  parseImageReference,
  readLayer,
  resolveImage,
} from '@slipway/oci';
import { describeError, ImagePullError } from '../errors';
import { removeTree } from '../fs/remove-tree';
import { digestDirName, exists, makeTempDir, publishDir, writeFileAtomic } from './cache-layout';
import { composeRootfs, type UnpackedLayer } from './compose-rootfs';
import {
  type ImageSourceResolver,
  type RegistryImageResolverOptions,
  registryImageResolver,
} from './image-source-resolver';
import { KeyedOnce } from './keyed-once';
import { type ImageRunConfig, runConfigOf } from './run-config';
import { type LayerMeta, unpackLayer } from './unpack-layer';

/** When to contact the registry: Kubernetes' `imagePullPolicy`. */
export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** An image ready to run: its composed root filesystem (never to be written to) and run settings. */
export interface CachedImage {
  readonly image: string;
  readonly configDigest: Digest;
  readonly rootfs: string;
  readonly config: ImageRunConfig;
}

/** Progress of the cache, for logs and tests. */
export type ImageCacheEvent =
  | { readonly type: 'resolved'; readonly image: string; readonly configDigest: Digest }
  | { readonly type: 'layer-unpacked'; readonly digest: Digest; readonly ms: number }
  | { readonly type: 'image-composed'; readonly configDigest: Digest; readonly ms: number };

/** Options of an `ImageCache`. */
export interface ImageCacheOptions {
  /** Directory holding `layers/`, `images/`, `refs/` and `tmp/`; created if missing. */
  readonly dir: string;
  /** Where images come from; default: `registryImageResolver(registry)`. */
  readonly resolver?: ImageSourceResolver;
  /** Mirrors, insecure hosts and credentials of the default resolver. */
  readonly registry?: RegistryImageResolverOptions;
  /** Platform to pick from multi-platform images (default: this machine's). */
  readonly platform?: Platform;
  readonly onEvent?: (event: ImageCacheEvent) => void;
}

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Kubernetes' default: `Always` for `:latest` or untagged images, `IfNotPresent` otherwise. */
export function defaultPullPolicy(image: string): ImagePullPolicy {
  const ref = parseImageReference(image);
  if (ref.digest) return 'IfNotPresent';
  return ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

async function readSmallBlob(source: ImageSource, descriptor: Descriptor): Promise<Buffer> {
  if (descriptor.size > MAX_CONFIG_BYTES) throw new Error(`the image config is ${descriptor.size} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await source.openBlob(descriptor)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Pulls images and keeps them unpacked: each layer once, in a directory named by its digest, and each
 * image's root filesystem once, composed from its layers, in a directory named by its config digest.
 * Everything is built in a temporary directory and renamed into place, so a crash or a concurrent process
 * never exposes half an image; concurrent pulls of one image (or of images sharing a layer) in this process
 * share the work.
 */
export class ImageCache {
  private readonly images = new KeyedOnce<CachedImage>();
  private readonly layers = new KeyedOnce<UnpackedLayer>();
  private readonly pulls = new KeyedOnce<CachedImage>();
  private readonly present = new Map<string, CachedImage>();

  private readonly resolver: ImageSourceResolver;

  constructor(private readonly options: ImageCacheOptions) {
    this.resolver = options.resolver ?? registryImageResolver(options.registry);
  }

  /** Makes `image` present according to `policy` (Kubernetes' default when omitted) and describes it. */
  async get(image: string, policy?: ImagePullPolicy): Promise<CachedImage> {
    let effective: ImagePullPolicy;
    try {
      effective = policy ?? defaultPullPolicy(image);
    } catch (error) {
      throw new ImagePullError(image, describeError(error), { cause: error });
    }
    return this.pulls.run(`${effective}\0${image}`, async () => {
      if (effective !== 'Always') {
        const known = this.present.get(image) ?? (await this.fromRef(image));
        if (known) return known;
        if (effective === 'Never') {
          throw new ImagePullError(
            image,
            'it is not in the cache and imagePullPolicy is Never; use IfNotPresent',
          );
        }
      }
      try {
        return await this.pull(image);
      } catch (error) {
        if (error instanceof ImagePullError) throw error;
        throw new ImagePullError(image, describeError(error), { cause: error });
      }
    });
  }

  private refPath(image: string): string {
    return join(this.options.dir, 'refs', `${createHash('sha256').update(image).digest('hex')}.json`);
  }

  private imageDir(configDigest: Digest): string {
    return join(this.options.dir, 'images', digestDirName(configDigest));
  }

  /** The image a reference was last pulled as, if it is still in the cache. */
  private async fromRef(image: string): Promise<CachedImage | undefined> {
    const ref = await readFile(this.refPath(image), 'utf8').catch(() => undefined);
    if (!ref) return undefined;
    const { configDigest } = JSON.parse(ref) as { configDigest: Digest };
    return this.load(image, configDigest);
  }

  private async load(image: string, configDigest: Digest): Promise<CachedImage | undefined> {
    const dir = this.imageDir(configDigest);
    const text = await readFile(join(dir, 'config.json'), 'utf8').catch(() => undefined);
    if (!text) return undefined;
    const cached = {
      image,
      configDigest,
      rootfs: join(dir, 'rootfs'),
      config: JSON.parse(text) as ImageRunConfig,
    };
    this.present.set(image, cached);
    return cached;
  }

  private async pull(image: string): Promise<CachedImage> {
    const { source, reference } = await this.resolver(image);
    const resolved = await resolveImage(source, {
      ...(reference ? { reference } : {}),
      ...(this.options.platform ? { platform: this.options.platform } : {}),
    });
    const manifest = resolved.parsed;
    const configDigest = manifest.config.digest;
    this.options.onEvent?.({ type: 'resolved', image, configDigest });
    const cached = await this.images.run(configDigest, async () => {
      const found = await this.load(image, configDigest);
      if (found) return found;
      const bytes = await readSmallBlob(source, manifest.config);
      const config = parseImageConfig(bytes, `${source.name} config ${configDigest}`);
      if (config.rootfs.diff_ids.length !== manifest.layers.length) {
        throw new Error(
          `the manifest lists ${manifest.layers.length} layers but the config ${config.rootfs.diff_ids.length} diff_ids`,
        );
      }
      const layers = await Promise.all(manifest.layers.map((layer) => this.layer(source, layer)));
      await this.compose(configDigest, layers, runConfigOf(config));
      return (await this.load(image, configDigest))!;
    });
    await mkdir(join(this.options.dir, 'refs'), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.refPath(image), JSON.stringify({ image, configDigest }));
    const mine = { ...cached, image };
    this.present.set(image, mine);
    return mine;
  }

  /** Unpacks one layer into `layers/<digest>` unless it is there already. */
  private layer(source: ImageSource, descriptor: Descriptor): Promise<UnpackedLayer> {
    const dir = join(this.options.dir, 'layers', digestDirName(descriptor.digest));
    const name = descriptor.digest;
    return this.layers.run(descriptor.digest, async () => {
      const done = await readFile(join(dir, 'meta.json'), 'utf8').catch(() => undefined);
      if (done) return { name, tree: join(dir, 'tree'), meta: JSON.parse(done) as LayerMeta };
      const started = Date.now();
      const temp = await makeTempDir(this.options.dir, 'layer');
      try {
        const blob = await source.openBlob(descriptor);
        const meta = await unpackLayer(
          readLayer(blob, `${source.name} layer ${name}`),
          join(temp, 'tree'),
          name,
        );
        await writeFileAtomic(join(temp, 'meta.json'), JSON.stringify(meta));
        await mkdir(join(this.options.dir, 'layers'), { recursive: true, mode: 0o700 });
        await publishDir(temp, dir);
      } catch (error) {
        await removeTree(temp);
        throw error;
      }
      this.options.onEvent?.({ type: 'layer-unpacked', digest: descriptor.digest, ms: Date.now() - started });
      const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as LayerMeta;
      return { name, tree: join(dir, 'tree'), meta };
    });
  }

  /** Composes `images/<config digest>/rootfs` from unpacked layers and records the run settings beside it. */
  private async compose(
    configDigest: Digest,
    layers: UnpackedLayer[],
    config: ImageRunConfig,
  ): Promise<void> {
    const started = Date.now();
    const temp = await makeTempDir(this.options.dir, 'image');
    try {
      await composeRootfs(layers, join(temp, 'rootfs'));
      await writeFileAtomic(join(temp, 'config.json'), JSON.stringify(config));
      await mkdir(join(this.options.dir, 'images'), { recursive: true, mode: 0o700 });
      if (!(await exists(this.imageDir(configDigest)))) await publishDir(temp, this.imageDir(configDigest));
    } finally {
      await removeTree(temp);
    }
    this.options.onEvent?.({ type: 'image-composed', configDigest, ms: Date.now() - started });
  }
}
