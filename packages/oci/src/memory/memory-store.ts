import { Readable } from 'node:stream';
import { OciError } from '../errors';
import type { Descriptor, RawManifest } from '../model/descriptors';
import { verifyBytes } from '../model/digest';
import type { ImageSink, ImageSource } from '../model/image-store';

/** An image store held in memory: a source and a sink, used for images built in code and in tests. */
export class MemoryImageStore implements ImageSource, ImageSink {
  readonly #blobs = new Map<string, Uint8Array>();
  readonly #manifests = new Map<string, RawManifest>();
  readonly #tags = new Map<string, string>();

  constructor(readonly name = 'memory') {}

  /** Adds a blob from bytes, verified against its descriptor. */
  addBlob(descriptor: Descriptor, bytes: Uint8Array): void {
    verifyBytes(bytes, descriptor, this.name);
    this.#blobs.set(descriptor.digest, bytes);
  }

  /** The tags, for inspection. */
  tags(): Map<string, string> {
    return new Map(this.#tags);
  }

  /** Whether a manifest with this digest is stored. */
  hasManifest(digest: string): boolean {
    return this.#manifests.has(digest);
  }

  async getManifest(reference = 'latest'): Promise<RawManifest> {
    const digest = this.#tags.get(reference) ?? reference;
    const raw = this.#manifests.get(digest);
    if (!raw) throw new OciError('SLIPWAY_OCI_NOT_FOUND', `${this.name}: no manifest \`${reference}\``);
    return raw;
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const bytes = this.#blobs.get(descriptor.digest);
    if (!bytes) throw new OciError('SLIPWAY_OCI_NOT_FOUND', `${this.name}: no blob ${descriptor.digest}`);
    return Readable.from([Buffer.from(bytes)]);
  }

  async hasBlob(descriptor: Descriptor): Promise<boolean> {
    return this.#blobs.has(descriptor.digest);
  }

  async putBlob(descriptor: Descriptor, open: () => Promise<Readable>): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of await open()) chunks.push(chunk as Buffer);
    this.addBlob(descriptor, Buffer.concat(chunks));
  }

  async putManifest(manifest: RawManifest, tag?: string): Promise<void> {
    verifyBytes(
      manifest.bytes,
      { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength },
      this.name,
    );
    this.#manifests.set(manifest.digest, manifest);
    if (tag) this.#tags.set(tag, manifest.digest);
  }
}
