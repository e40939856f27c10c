import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Descriptor, Digest, ImageIndex, RawManifest } from '../../model/descriptors';
import { isDigest, verifyBytes } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { isIndexMediaType } from '../../model/media-types';
import { ImageNotFoundError, MalformedManifestError, MissingBlobError } from '../errors';
import { manifestMediaType, parseJsonBytes, parseManifest } from '../shared/parse-manifest';
import { MAX_JSON_BLOB, verified } from '../shared/read-blob';
import { TarArchive } from '../tar/tar-archive';
import { directoryFiles, type LayoutFiles, tarFiles } from './layout-files';
import { allNames, blobPath, findByName, readLayoutIndex } from './layout-index';

/** An OCI layout (directory or archive) read as an image source. */
export interface OciLayoutSource extends ImageSource {
  /** The layout's `index.json`. */
  readonly index: ImageIndex;
  /** Releases temporary files (an oci-archive that was compressed). */
  close(): Promise<void>;
}

/** Options for opening a layout. */
export interface OpenOciLayoutOptions {
  /** The image `getManifest()` returns: a ref.name (`latest`), a full containerd name, or a digest. */
  ref?: string;
}

const MAX_NESTING = 4;

class LayoutImageSource implements OciLayoutSource {
  constructor(
    private readonly files: LayoutFiles,
    readonly index: ImageIndex,
    private readonly defaultRef: string | undefined,
  ) {}

  get name(): string {
    return this.files.name;
  }

  /**
   * Without a reference: the `ref` the layout was opened with, else the only (or first) entry of index.json.
   * An entry that is an index is returned as such; ask again by digest for one of its manifests.
   */
  async getManifest(reference?: string): Promise<RawManifest> {
    const ref = reference ?? this.defaultRef;
    if (ref === undefined) {
      const first = this.index.manifests[0];
      if (!first) throw new ImageNotFoundError(this.name, '(default)', []);
      return this.readManifest(first);
    }
    if (isDigest(ref)) return this.manifestByDigest(ref);
    const entry = findByName(this.index, ref);
    if (!entry) throw new ImageNotFoundError(this.name, ref, allNames(this.index));
    return this.readManifest(entry);
  }

  async openBlob(descriptor: Descriptor): Promise<Readable> {
    const where = `${this.name} blob ${descriptor.digest}`;
    if (!isDigest(descriptor.digest))
      throw new MalformedManifestError(where, 'is not a sha256 or sha512 digest');
    const stream = await this.files.openFile(blobPath(descriptor.digest));
    if (!stream) throw new MissingBlobError(this.name, descriptor.digest);
    return verified(stream, descriptor, where);
  }

  close(): Promise<void> {
    return this.files.close();
  }

  /** Reads a manifest blob and checks it against the descriptor that named it (digest, size, media type). */
  private async readManifest(descriptor: Descriptor): Promise<RawManifest> {
    const where = `${this.name} manifest ${descriptor.digest}`;
    if (!isDigest(descriptor.digest))
      throw new MalformedManifestError(where, 'is not a sha256 or sha512 digest');
    const bytes = await this.files.readFile(blobPath(descriptor.digest), MAX_JSON_BLOB);
    if (!bytes) throw new MissingBlobError(this.name, descriptor.digest);
    verifyBytes(bytes, descriptor, where);
    // Only an explicit `mediaType` can contradict the descriptor; OCI manifests may leave it out.
    const json = parseJsonBytes(bytes, where);
    const declared =
      typeof json === 'object' && json !== null ? (json as { mediaType?: unknown }).mediaType : undefined;
    if (typeof declared === 'string' && declared !== descriptor.mediaType) {
      throw new MalformedManifestError(
        where,
        `is a ${declared} but its descriptor says ${descriptor.mediaType}`,
      );
    }
    return { mediaType: descriptor.mediaType, digest: descriptor.digest, bytes };
  }

  /** A manifest by digest: found in index.json or a nested index (so its descriptor is known), else by its bytes. */
  private async manifestByDigest(digest: Digest): Promise<RawManifest> {
    let level = this.index.manifests;
    for (let depth = 0; depth < MAX_NESTING && level.length > 0; depth++) {
      const found = level.find((entry) => entry.digest === digest);
      if (found) return this.readManifest(found);
      const next: Descriptor[] = [];
      for (const entry of level.filter((candidate) => isIndexMediaType(candidate.mediaType))) {
        const raw = await this.readManifest(entry);
        const parsed = parseManifest(raw, `${this.name} manifest ${entry.digest}`);
        if (parsed.kind === 'index') next.push(...parsed.index.manifests);
      }
      level = next;
    }
    const bytes = await this.files.readFile(blobPath(digest), MAX_JSON_BLOB);
    if (!bytes) throw new ImageNotFoundError(this.name, digest, allNames(this.index));
    const mediaType = manifestMediaType(parseJsonBytes(bytes, `${this.name} manifest ${digest}`));
    if (mediaType === '')
      throw new MalformedManifestError(`${this.name} blob ${digest}`, 'is not a manifest');
    const descriptor = { mediaType, digest, size: bytes.byteLength };
    verifyBytes(bytes, descriptor, `${this.name} manifest ${digest}`);
    return { mediaType, digest, bytes };
  }
}

async function openLayout(files: LayoutFiles, options: OpenOciLayoutOptions): Promise<OciLayoutSource> {
  try {
    const source = new LayoutImageSource(files, await readLayoutIndex(files), options.ref);
    // An unknown ref fails now, where the caller named it, not at the first read.
    if (options.ref !== undefined) await source.getManifest();
    return source;
  } catch (error) {
    await files.close();
    throw error;
  }
}

/** Opens an OCI image layout directory as an image source. */
export function openOciLayout(dir: string, options: OpenOciLayoutOptions = {}): Promise<OciLayoutSource> {
  return openLayout(directoryFiles(resolve(dir), `oci:${dir}`), options);
}

/** Opens an oci-archive (a tar of a layout, optionally gzip-compressed), read in place without extracting. */
export async function openOciArchive(
  path: string,
  options: OpenOciLayoutOptions = {},
): Promise<OciLayoutSource> {
  const name = `oci-archive:${path}`;
  return openLayout(tarFiles(await TarArchive.open(path, name), name), options);
}
