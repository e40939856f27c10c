import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidReferenceError } from '../../errors';
import type { Descriptor, Digest, Platform, RawManifest } from '../../model/descriptors';
import { DigestMismatchError } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MediaType } from '../../model/media-types';
import { parseImageReference } from '../../reference/parse-reference';
import { InvalidArchiveError } from '../errors';
import { openDecompressed } from '../layer/compression';
import { writeAtomically } from '../shared/atomic-file';
import { parseImageConfig } from '../shared/parse-manifest';
import { openVerifiedBlob, readVerifiedBlob } from '../shared/read-blob';
import { resolveImage } from '../shared/resolve-image';
import { createTarFile } from '../tar/tar-pack';

/** Options for `writeDockerArchive`. */
export interface WriteDockerArchiveOptions {
  /** Names `docker load` gives the image (`app:1.0`, `registry.example/team/app:dev`); `:latest` is added if no tag. */
  tags?: readonly string[];
  /** What to take from the source (tag, ref name, digest); its default when omitted. */
  reference?: string;
  /** Platform to take from an index; default: the only image, else this machine's. */
  platform?: Platform;
}

/** What was written. */
export interface WrittenDockerArchive {
  /** The manifest of the image as read from the source. */
  readonly manifest: RawManifest;
  /** The config digest: the image ID `docker load` reports. */
  readonly configDigest: Digest;
  readonly repoTags: readonly string[];
}

function repoTag(tag: string): string {
  const reference = parseImageReference(tag);
  if (reference.digest) throw new InvalidReferenceError(tag, 'a docker-archive tag cannot have a digest');
  return reference.tag === undefined ? `${tag}:latest` : tag;
}

const hexOf = (digest: Digest): string => digest.slice(digest.indexOf(':') + 1);

/** Streams a layer blob from the source, decompressed, to `file`, and checks its digest against the diff_id. */
async function extractLayer(
  source: ImageSource,
  layer: Descriptor,
  diffId: Digest,
  file: string,
): Promise<number> {
  const where = `${source.name} layer ${layer.digest}`;
  const { stream } = await openDecompressed(await openVerifiedBlob(source, layer), where);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.byteLength;
      callback(null, chunk);
    },
  });
  await pipeline(stream, tap, createWriteStream(file));
  const actual: Digest = `sha256:${hash.digest('hex')}`;
  if (actual !== diffId) {
    throw new DigestMismatchError(
      { mediaType: MediaType.ociLayer, digest: diffId, size },
      actual,
      size,
      `${where} (config diff_id)`,
    );
  }
  return size;
}

/**
 * Writes one image from `source` as a `docker load`-compatible tar at `path`: `manifest.json`, the config as
 * `<config hex>.json` and uncompressed layers as `<diff_id hex>.tar`, with fixed mtimes and owners.
 * Layers are decompressed to a temporary directory beside `path` (a tar needs each size up front), their
 * diff_ids verified, and the tar is written to a temporary file renamed into place.
 */
export async function writeDockerArchive(
  path: string,
  source: ImageSource,
  options: WriteDockerArchiveOptions = {},
): Promise<WrittenDockerArchive> {
  const repoTags = (options.tags ?? []).map(repoTag);
  const { manifest, parsed } = await resolveImage(source, options);
  const configBytes = await readVerifiedBlob(source, parsed.config);
  const diffIds = parseImageConfig(configBytes, `${source.name} config ${parsed.config.digest}`).rootfs
    .diff_ids;
  if (diffIds.length !== parsed.layers.length) {
    throw new InvalidArchiveError(
      source.name,
      `image ${manifest.digest} has ${parsed.layers.length} layers but its config lists ${diffIds.length} diff_ids`,
    );
  }
  const configName = `${hexOf(parsed.config.digest)}.json`;
  const layerNames = diffIds.map((diffId) => `${hexOf(diffId)}.tar`);
  const manifestJson = JSON.stringify([{ Config: configName, RepoTags: repoTags, Layers: layerNames }]);
  const scratch = await mkdtemp(join(dirname(path), `.${basename(path)}.layers-`));
  try {
    const sizes = new Map<string, number>();
    for (const [i, layer] of parsed.layers.entries()) {
      const name = layerNames[i] as string;
      if (!sizes.has(name))
        sizes.set(name, await extractLayer(source, layer, diffIds[i] as Digest, join(scratch, name)));
    }
    await writeAtomically(path, async (temporary) => {
      const tar = createTarFile(temporary);
      try {
        await tar.addFile('manifest.json', Buffer.from(manifestJson), Buffer.byteLength(manifestJson));
        await tar.addFile(configName, configBytes, configBytes.byteLength);
        for (const [name, size] of sizes) {
          await tar.addFile(name, createReadStream(join(scratch, name)), size);
        }
        await tar.finish();
      } catch (error) {
        await tar.abort(error as Error);
        throw error;
      }
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { manifest, configDigest: parsed.config.digest, repoTags };
}
