import { Readable } from 'node:stream';
import type { Descriptor, Digest, ImageManifest, RawManifest } from '../../model/descriptors';
import { DigestMismatchError, isDigest, sha256Digest } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import { ImageNotFoundError, InvalidArchiveError, MalformedManifestError, MissingBlobError } from '../errors';
import { parseImageConfig } from '../shared/parse-manifest';
import { MAX_JSON_BLOB, verified } from '../shared/read-blob';
import { TarArchive } from '../tar/tar-archive';
import {
  type DockerArchiveImage,
  describeImages,
  matchesRepoTag,
  parseManifestJson,
  selectImage,
} from './manifest-json';
import { compressedStream, inspectStoredLayer, type StoredLayer } from './stored-layer';

/** A docker-archive read as an image source; every image of the archive can be asked for by tag or digest. */
export interface DockerArchiveSource extends ImageSource {
  /** The images `manifest.json` lists. */
  readonly images: readonly DockerArchiveImage[];
  /** Releases temporary files (a compressed archive is decompressed to one). */
  close(): Promise<void>;
}

/** Options for `openDockerArchive`. */
export interface OpenDockerArchiveOptions {
  /** The image `getManifest()` returns, by RepoTag (`busybox:1.36`, or any spelling of the same reference). */
  tag?: string;
  /** The image `getManifest()` returns, by position in `manifest.json`. */
  index?: number;
  /** gzip level for layers stored uncompressed (default 6); fixed per source so digests are stable. */
  gzipLevel?: number;
}

interface BuiltImage {
  readonly manifest: RawManifest;
  readonly config: { descriptor: Descriptor; bytes: Buffer };
  readonly layers: readonly StoredLayer[];
}

// Config names that are digests: `<hex>.json` (docker < 25, skopeo), `blobs/sha256/<hex>` (docker 25+),
// `sha256:<hex>` (go-containerregistry: crane, Kaniko).
const CONFIG_DIGEST = /(?:^|\/)(?:blobs\/sha256\/|sha256:)?([a-f0-9]{64})(?:\.json)?$/;

class DockerArchiveImageSource implements DockerArchiveSource {
  readonly name: string;
  private readonly built = new Map<number, Promise<BuiltImage>>();
  private readonly layers = new Map<string, Promise<StoredLayer>>();

  constructor(
    private readonly archive: TarArchive,
    readonly images: readonly DockerArchiveImage[],
    private readonly options: OpenDockerArchiveOptions,
  ) {
    this.name = archive.name;
  }

  /** Without a reference: the chosen (or only) image. With one: an image by RepoTag or manifest digest. */
  async getManifest(reference?: string): Promise<RawManifest> {
    if (reference === undefined) {
      const { tag, index } = this.options;
      return (await this.image(selectImage(this.images, { tag, index }, this.name))).manifest;
    }
    if (isDigest(reference)) {
      const built = await this.search((image) => image.manifest.digest === reference);
      if (built) return built.manifest;
      throw new ImageNotFoundError(this.name, reference, describeImages(this.images));
    }
    const found = this.images.findIndex((image) =>
      image.repoTags.some((tag) => matchesRepoTag(tag, reference)),
    );
    if (found === -1) throw new ImageNotFoundError(this.name, reference, describeImages(this.images));
    return (await this.image(found)).manifest;
  }

  /** The config or a layer's compressed blob; layers stored plain are gzipped again, to the same bytes. */
  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const where = `${this.name} blob ${descriptor.digest}`;
    const layerOf = (image: BuiltImage) =>
      image.layers.find((layer) => layer.descriptor.digest === descriptor.digest);
    const built = await this.search(
      (image) => image.config.descriptor.digest === descriptor.digest || !!layerOf(image),
    );
    if (built?.config.descriptor.digest === descriptor.digest) {
      return verified(Readable.from([built.config.bytes]), descriptor, where);
    }
    const layer = built && layerOf(built);
    if (layer) return verified(compressedStream(this.archive, layer, this.gzipLevel), descriptor, where);
    throw new MissingBlobError(
      this.name,
      descriptor.digest,
      'it is not the config or a layer of any image here',
    );
  }

  close(): Promise<void> {
    return this.archive.close();
  }

  /**
   * The first image satisfying `test`, building images as needed. An image that fails to build is skipped
   * here (its error surfaces when it is asked for by tag): one corrupt image must not hide the others' blobs.
   */
  private async search(test: (image: BuiltImage) => boolean): Promise<BuiltImage | undefined> {
    for (let index = 0; index < this.images.length; index++) {
      const built = await this.image(index).catch(() => undefined);
      if (built && test(built)) return built;
    }
    return undefined;
  }

  private get gzipLevel(): number {
    return this.options.gzipLevel ?? 6;
  }

  /** Builds an image's manifest once: reads and checks the config, inspects each layer (cached across images). */
  private image(index: number): Promise<BuiltImage> {
    let built = this.built.get(index);
    if (!built) {
      built = this.build(index);
      this.built.set(index, built);
    }
    return built;
  }

  private async build(index: number): Promise<BuiltImage> {
    const image = this.images[index];
    if (!image) throw new ImageNotFoundError(this.name, `#${index}`, describeImages(this.images));
    const bytes = await this.archive.readFile(image.config, MAX_JSON_BLOB);
    if (!bytes)
      throw new MissingBlobError(
        this.name,
        image.config,
        `\`manifest.json\` names \`${image.config}\`, absent`,
      );
    const configDescriptor = {
      mediaType: MediaType.dockerConfig,
      digest: sha256Digest(bytes),
      size: bytes.byteLength,
    };
    const named = CONFIG_DIGEST.exec(image.config)?.[1];
    if (named !== undefined && configDescriptor.digest !== `sha256:${named}`) {
      const expected = { ...configDescriptor, digest: `sha256:${named}` as Digest };
      throw new DigestMismatchError(
        expected,
        configDescriptor.digest,
        bytes.byteLength,
        `${this.name} ${image.config}`,
      );
    }
    const diffIds = parseImageConfig(bytes, `${this.name} ${image.config}`).rootfs.diff_ids;
    if (diffIds.length !== image.layers.length) {
      throw new InvalidArchiveError(
        this.name,
        `image ${describeImages(this.images)[index]} lists ${image.layers.length} layers but its config has ${diffIds.length} diff_ids`,
      );
    }
    const layers = await Promise.all(image.layers.map((path, i) => this.layer(path, diffIds[i] as Digest)));
    // Docker schema 2 is what `docker save` images are; zstd layers only exist in OCI manifests.
    const oci = layers.some((layer) => layer.compression === 'zstd');
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: oci ? MediaType.ociManifest : MediaType.dockerManifest,
      config: { ...configDescriptor, mediaType: oci ? MediaType.ociConfig : MediaType.dockerConfig },
      layers: layers.map((layer) => layer.descriptor),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    return {
      manifest: {
        mediaType: manifest.mediaType as string,
        digest: sha256Digest(manifestBytes),
        bytes: manifestBytes,
      },
      config: { descriptor: manifest.config, bytes },
      layers,
    };
  }

  private layer(path: string, diffId: Digest): Promise<StoredLayer> {
    let layer = this.layers.get(path);
    if (!layer) {
      layer = inspectStoredLayer(this.archive, path, diffId, this.gzipLevel);
      this.layers.set(path, layer);
    }
    return layer.then((found) => {
      // Two images sharing a file must agree on what it contains.
      if (found.diffId !== diffId)
        throw new MalformedManifestError(this.name, `layer ${path} has two diff_ids`);
      return found;
    });
  }
}

/**
 * Opens a docker-archive tarball (`docker save`, Kaniko `--tar-path`, crane, `skopeo copy docker-archive:`),
 * optionally gzip-compressed, read in place. Its images are presented registry-shaped: a Docker schema-2
 * manifest whose layer descriptors are the compressed blobs `openBlob` returns. Layers are inspected lazily,
 * once, and checked against the config's diff_ids.
 */
export async function openDockerArchive(
  path: string,
  options: OpenDockerArchiveOptions = {},
): Promise<DockerArchiveSource> {
  const name = `docker-archive:${path}`;
  const archive = await TarArchive.open(path, name);
  try {
    const manifestJson = await archive.readFile('manifest.json', MAX_JSON_BLOB);
    if (!manifestJson) throw new InvalidArchiveError(name, missingManifestReason(archive));
    const images = parseManifestJson(manifestJson, name);
    if (options.tag !== undefined || options.index !== undefined) selectImage(images, options, name);
    return new DockerArchiveImageSource(archive, images, options);
  } catch (error) {
    await archive.close();
    throw error;
  }
}

function missingManifestReason(archive: TarArchive): string {
  const files = new Set(archive.files());
  if (files.has('index.json') && files.has('oci-layout')) {
    return 'has no `manifest.json` but is an OCI layout; open it with openOciArchive';
  }
  if (files.has('repositories')) {
    return 'is in the pre-1.10 `docker save` format (`repositories` without `manifest.json`), which is not supported; save it again with a current docker';
  }
  return 'is not a docker-archive: it has no `manifest.json`';
}
