import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { describeImages, parseManifestJson, selectImage } from '../../formats/docker-archive/manifest-json';
import { InvalidArchiveError, MissingBlobError } from '../../formats/errors';
import { detectCompression, openDecompressed } from '../../formats/layer/compression';
import { readLayer } from '../../formats/layer/read-layer';
import { parseImageConfig } from '../../formats/shared/parse-manifest';
import { MAX_JSON_BLOB, openVerifiedBlob, readVerifiedBlob } from '../../formats/shared/read-blob';
import { resolveImage } from '../../formats/shared/resolve-image';
import { TarArchive } from '../../formats/tar/tar-archive';
import type { Digest, Platform } from '../../model/descriptors';
import { DigestMismatchError, sha256Digest } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import type { Collector } from './collector';

/** An image to scan: a docker-archive read in place, or any image source (OCI layout, registry). */
export type ImageInput =
  | { readonly kind: 'docker-archive'; readonly path: string; readonly tag?: string }
  | {
      readonly kind: 'source';
      readonly source: ImageSource;
      readonly reference?: string;
      readonly platform?: Platform;
    };

/** What is known of a scanned image besides its files. */
export interface ImageMetadata {
  /** The image's name in reports: its tag, reference or file. */
  readonly name: string;
  /** The config digest (the image ID). */
  readonly imageId: Digest;
  readonly repoTags: readonly string[];
  readonly os: string;
  readonly architecture: string;
  readonly diffIds: readonly Digest[];
}

/** Feeds one layer's entries to the collector, in order. */
async function walkLayer(
  input: AsyncIterable<Uint8Array>,
  where: string,
  layer: number,
  collector: Collector,
): Promise<void> {
  for await (const entry of readLayer(input, where)) {
    if (entry.type === 'whiteout') collector.remove(entry.path, layer);
    else if (entry.type === 'opaque') collector.opaque(entry.path, layer);
    else if (entry.type === 'file') {
      await collector.add(
        { path: entry.path, size: entry.size, mode: entry.mode, read: entry.readBytes },
        layer,
      );
    }
  }
}

async function walkDockerArchive(
  input: { path: string; tag?: string },
  collector: Collector,
): Promise<ImageMetadata> {
  const name = `docker-archive:${input.path}`;
  const archive = await TarArchive.open(input.path, name);
  const plain = await isPlainTar(input.path);
  try {
    const manifestJson = await archive.readFile('manifest.json', MAX_JSON_BLOB);
    if (!manifestJson)
      throw new InvalidArchiveError(name, 'is not a docker-archive: it has no `manifest.json`');
    const images = parseManifestJson(manifestJson, name);
    const image = images[selectImage(images, input.tag !== undefined ? { tag: input.tag } : {}, name)];
    if (!image) throw new InvalidArchiveError(name, `holds no image (${describeImages(images).join(', ')})`);
    const configBytes = await archive.readFile(image.config, MAX_JSON_BLOB);
    if (!configBytes)
      throw new MissingBlobError(name, image.config, 'the config named by `manifest.json` is absent');
    const config = parseImageConfig(configBytes, `${name} ${image.config}`);
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== image.layers.length) {
      throw new InvalidArchiveError(
        name,
        `lists ${image.layers.length} layers but its config has ${diffIds.length} diff_ids`,
      );
    }
    for (const [index, path] of image.layers.entries()) {
      const where = `${name} layer ${path}`;
      const stored = openLarge(archive, input.path, plain, path);
      if (!stored)
        throw new MissingBlobError(
          name,
          path,
          `\`manifest.json\` names \`${path}\`, absent from the archive`,
        );
      await walkLayer(hashed(stored, where, diffIds[index] as Digest), where, index, collector);
    }
    return {
      name: image.repoTags[0] ?? input.path,
      imageId: sha256Digest(configBytes),
      repoTags: image.repoTags,
      os: config.os,
      architecture: config.architecture,
      diffIds,
    };
  } finally {
    await archive.close();
  }
}

async function isPlainTar(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return detectCompression(head) === 'none';
  } finally {
    await handle.close();
  }
}

/**
 * A layer file of the archive, read in 1 MiB chunks straight from a plain archive (64 KiB reads cost a
 * thread-pool round trip each); from the decompressed copy otherwise.
 */
function openLarge(archive: TarArchive, file: string, plain: boolean, path: string): Readable | undefined {
  const entry = archive.find(path);
  if (!plain || !entry || entry.size === 0) return archive.openFile(path);
  return createReadStream(file, {
    start: entry.offset,
    end: entry.offset + entry.size - 1,
    highWaterMark: READ_CHUNK,
  });
}

const READ_CHUNK = 1024 * 1024;

/** The decompressed layer, checked against its diff_id once it has all been read. */
async function* hashed(stored: Readable, where: string, diffId: Digest): AsyncGenerator<Buffer> {
  const { stream } = await openDecompressed(stored, where);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
    yield chunk;
  }
  const digest: Digest = `sha256:${hash.digest('hex')}`;
  if (digest !== diffId) {
    throw new DigestMismatchError(
      { mediaType: MediaType.ociLayer, digest: diffId, size },
      digest,
      size,
      `${where} (config diff_id)`,
    );
  }
}

async function walkSource(
  input: { source: ImageSource; reference?: string; platform?: Platform },
  collector: Collector,
): Promise<ImageMetadata> {
  const { source } = input;
  const { parsed } = await resolveImage(source, {
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    ...(input.platform ? { platform: input.platform } : {}),
  });
  const configBytes = await readVerifiedBlob(source, parsed.config);
  const config = parseImageConfig(configBytes, `${source.name} config ${parsed.config.digest}`);
  for (const [index, layer] of parsed.layers.entries()) {
    const where = `${source.name} layer ${layer.digest}`;
    await walkLayer(await openVerifiedBlob(source, layer), where, index, collector);
  }
  return {
    name:
      input.reference !== undefined && !input.reference.startsWith('sha256:')
        ? `${source.name}:${input.reference}`
        : source.name,
    imageId: parsed.config.digest,
    repoTags: [],
    os: config.os,
    architecture: config.architecture,
    diffIds: config.rootfs.diff_ids,
  };
}

/** Reads every layer of an image once, in order, into `collector`, honouring whiteouts. */
export function walkImage(input: ImageInput, collector: Collector): Promise<ImageMetadata> {
  return input.kind === 'docker-archive' ? walkDockerArchive(input, collector) : walkSource(input, collector);
}
