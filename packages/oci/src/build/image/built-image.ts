import { Readable } from 'node:stream';
import { MissingBlobError } from '../../formats/errors';
import { verified } from '../../formats/shared/read-blob';
import type { Descriptor, Digest, ImageConfig, RawManifest } from '../../model/descriptors';
import { sha256Digest } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import type { StageImage } from '../stage/stage-image';

/** A built image: an ImageSource whose layers are read from memory, the cache or the base image's source. */
export class BuiltImage implements ImageSource {
  readonly name = 'slipway build';
  readonly manifest: RawManifest;
  readonly configBytes: Buffer;
  readonly configDescriptor: Descriptor;
  private readonly layers: StageImage['layers'];

  constructor(
    image: StageImage,
    /** The finished config (rootfs, created, history and labels set). */
    readonly config: ImageConfig,
  ) {
    this.layers = image.layers;
    this.configBytes = Buffer.from(JSON.stringify(config));
    this.configDescriptor = {
      mediaType: MediaType.ociConfig,
      digest: sha256Digest(this.configBytes),
      size: this.configBytes.byteLength,
    };
    const manifestBytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: this.configDescriptor,
        layers: image.layers.map((layer) => layer.descriptor),
      }),
    );
    this.manifest = {
      mediaType: MediaType.ociManifest,
      digest: sha256Digest(manifestBytes),
      bytes: manifestBytes,
    };
  }

  /** The manifest digest: what `--digest-file` records and registries tag. */
  get digest(): Digest {
    return this.manifest.digest;
  }

  async getManifest(): Promise<RawManifest> {
    return this.manifest;
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const where = `${this.name} blob ${descriptor.digest}`;
    if (descriptor.digest === this.configDescriptor.digest)
      return verified(Readable.from([this.configBytes]), descriptor, where);
    const layer = this.layers.find((candidate) => candidate.descriptor.digest === descriptor.digest);
    if (!layer) throw new MissingBlobError(this.name, descriptor.digest);
    return verified(await layer.open(), descriptor, where);
  }
}
