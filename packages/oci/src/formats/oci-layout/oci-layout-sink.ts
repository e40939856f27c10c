import { createWriteStream } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Descriptor, ImageIndex, RawManifest } from '../../model/descriptors';
import { isDigest, verifyBytes, verifyingStream } from '../../model/digest';
import type { ImageSink } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import { MalformedManifestError, MissingBlobError } from '../errors';
import { writeAtomically, writeFileAtomic } from '../shared/atomic-file';
import { parseManifest } from '../shared/parse-manifest';
import { directoryFiles } from './layout-files';
import { blobPath, LAYOUT_VERSION, REF_NAME, readLayoutIndex } from './layout-index';

/**
 * Writes images into an OCI layout directory. Blobs are verified while written to a temporary file and
 * renamed into place; index.json is replaced atomically, one update at a time. Another process updating
 * the same layout concurrently can lose a tag (there is no cross-process lock).
 */
export class OciLayoutSink implements ImageSink {
  readonly name: string;
  private readonly root: string;
  private updates: Promise<unknown> = Promise.resolve();

  /** Use `createOciLayout`, which makes the directory a layout first. */
  constructor(dir: string) {
    this.root = resolve(dir);
    this.name = `oci:${dir}`;
  }

  async hasBlob(descriptor: Descriptor): Promise<boolean> {
    try {
      return (await stat(this.blobFile(descriptor))).size === descriptor.size;
    } catch {
      return false;
    }
  }

  async putBlob(descriptor: Descriptor, open: () => Promise<Readable>): Promise<void> {
    if (await this.hasBlob(descriptor)) return;
    const target = this.blobFile(descriptor);
    await mkdir(dirname(target), { recursive: true });
    const check = verifyingStream(descriptor, `${this.name} blob ${descriptor.digest}`);
    await writeAtomically(target, async (temporary) =>
      pipeline(await open(), check, createWriteStream(temporary)),
    );
  }

  /**
   * Stores a manifest or index and lists it in index.json: under `tag` (the ref.name annotation, moved from any
   * image that had it) or untagged (unless already listed). An index adopts its children: their untagged
   * entries are dropped, so a multi-platform copy leaves only the tagged index in index.json.
   */
  async putManifest(manifest: RawManifest, tag?: string): Promise<void> {
    const where = `${this.name} manifest ${manifest.digest}`;
    if (tag !== undefined && !/^[\x21-\x7e]+$/.test(tag)) {
      throw new MalformedManifestError(where, `tag \`${tag}\` must be printable ASCII without spaces`);
    }
    const descriptor: Descriptor = {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.byteLength,
    };
    verifyBytes(manifest.bytes, descriptor, where);
    const parsed = parseManifest(manifest, where);
    const named =
      parsed.kind === 'index'
        ? parsed.index.manifests
        : [parsed.manifest.config, ...parsed.manifest.layers.filter((layer) => !layer.urls?.length)];
    for (const blob of named) {
      if (!(await this.hasBlob(blob)))
        throw new MissingBlobError(this.name, blob.digest, 'store the blobs it names first');
    }
    if (!(await this.hasBlob(descriptor))) await writeFileAtomic(this.blobFile(descriptor), manifest.bytes);
    const children = new Set(
      parsed.kind === 'index' ? parsed.index.manifests.map((entry) => entry.digest) : [],
    );
    await this.updateIndex((index) => {
      // An untagged put of something already listed (tagged or not) changes nothing.
      if (tag === undefined && index.manifests.some((entry) => entry.digest === manifest.digest))
        return index;
      const kept = index.manifests.filter((entry) => {
        const ref = entry.annotations?.[REF_NAME];
        if (tag !== undefined && ref === tag) return false;
        return !(ref === undefined && (children.has(entry.digest) || entry.digest === manifest.digest));
      });
      const entry = tag === undefined ? descriptor : { ...descriptor, annotations: { [REF_NAME]: tag } };
      return { ...index, manifests: [...kept, entry] };
    });
  }

  /** Makes the directory a layout if it is not one yet (checks it if it is). */
  async initialize(): Promise<void> {
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    if (!(await exists(join(this.root, 'oci-layout')))) {
      await writeFileAtomic(
        join(this.root, 'oci-layout'),
        JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }),
      );
    }
    if (!(await exists(join(this.root, 'index.json')))) {
      await writeFileAtomic(join(this.root, 'index.json'), serialize({ schemaVersion: 2, manifests: [] }));
    }
    await readLayoutIndex(directoryFiles(this.root, this.name));
  }

  private blobFile(descriptor: Descriptor): string {
    if (!isDigest(descriptor.digest)) {
      throw new MalformedManifestError(
        `${this.name} blob ${descriptor.digest}`,
        'is not a sha256 or sha512 digest',
      );
    }
    return join(this.root, blobPath(descriptor.digest));
  }

  /** Read-modify-write of index.json, serialized so concurrent puts in this process do not lose entries. */
  private updateIndex(change: (index: ImageIndex) => ImageIndex): Promise<void> {
    const run = this.updates.then(async () => {
      const index = await readLayoutIndex(directoryFiles(this.root, this.name));
      await writeFileAtomic(join(this.root, 'index.json'), serialize(change(index)));
    });
    this.updates = run.catch(() => {});
    return run;
  }
}

function serialize(index: ImageIndex): string {
  const { manifests, annotations } = index;
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests,
    ...(annotations ? { annotations } : {}),
  });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Opens (creating if needed) an OCI layout directory for writing. */
export async function createOciLayout(dir: string): Promise<OciLayoutSink> {
  const sink = new OciLayoutSink(dir);
  await sink.initialize();
  return sink;
}
