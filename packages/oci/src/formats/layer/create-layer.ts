import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Digest } from '../../model/descriptors';
import { MediaType } from '../../model/media-types';
import { safeEntryPath, safeHardlinkTarget } from '../tar/safe-path';
import { type EntryHeader, EPOCH, packEntry } from '../tar/tar-pack';
import {
  type CreateLayerOptions,
  type EntryMetadata,
  type FileContent,
  type LayerBlob,
  type LayerEntry,
  OPAQUE_MARKER,
  WHITEOUT_PREFIX,
} from './layer-entry';

const WHERE = 'layer entries';
// tar-stream takes mode 0 as "unset" and substitutes 0644; a file-type bit keeps the value truthy while the
// header still stores only the permission bits, so a 0000 file stays 0000.
const TYPE_BIT = 0o100000;

/** The tar name of an entry: whiteouts become `.wh.` marker files, directories end with `/`. */
function tarName(entry: LayerEntry, path: string): string {
  if (entry.type === 'whiteout') {
    const dir = posix.dirname(path);
    return `${dir === '.' ? '' : `${dir}/`}${WHITEOUT_PREFIX}${posix.basename(path)}`;
  }
  if (entry.type === 'opaque') return path === '' ? OPAQUE_MARKER : `${path}/${OPAQUE_MARKER}`;
  return entry.type === 'directory' ? `${path}/` : path;
}

/** Orders entries the way reproducible layers store them: by tar name, bytewise (parents before children). */
export function sortLayerEntries<T extends LayerEntry>(entries: readonly T[]): T[] {
  const keyed = entries.map((entry) => ({
    entry,
    key: Buffer.from(tarName(entry, safeEntryPath(WHERE, entry.path))),
  }));
  return keyed.sort((a, b) => Buffer.compare(a.key, b.key)).map(({ entry }) => entry);
}

async function contentOf(
  content: FileContent,
): Promise<{ size: number; data: Uint8Array | AsyncIterable<Uint8Array> }> {
  if (typeof content === 'string') return { size: Buffer.byteLength(content), data: Buffer.from(content) };
  if (content instanceof Uint8Array) return { size: content.byteLength, data: content };
  const { size } = await stat(content.fromPath);
  return { size, data: createReadStream(content.fromPath) };
}

async function writeEntry(
  tar: ReturnType<typeof pack>,
  entry: LayerEntry,
  name: string,
  options: CreateLayerOptions,
): Promise<void> {
  const fixed = options.mtime ?? EPOCH;
  const meta: EntryMetadata = entry.type === 'whiteout' || entry.type === 'opaque' ? {} : entry;
  const header: EntryHeader = {
    name,
    uid: meta.uid ?? 0,
    gid: meta.gid ?? 0,
    mtime: options.reproducible ? fixed : (meta.mtime ?? fixed),
  };
  const mode = (bits: number) => ((meta.mode ?? bits) & 0o7777) | TYPE_BIT;
  switch (entry.type) {
    case 'file': {
      const { size, data } = await contentOf(entry.content);
      return packEntry(tar, { ...header, type: 'file', size, mode: mode(0o644) }, data);
    }
    case 'directory':
      return packEntry(tar, { ...header, type: 'directory', mode: mode(0o755) });
    case 'symlink':
      return packEntry(tar, { ...header, type: 'symlink', linkname: entry.target, mode: mode(0o777) });
    case 'hardlink': {
      const linkname = safeHardlinkTarget(WHERE, name, entry.target);
      return packEntry(tar, { ...header, type: 'link', linkname, mode: mode(0o644) });
    }
    default:
      return packEntry(tar, { ...header, type: 'file', size: 0, mode: mode(0o644) }, new Uint8Array(0));
  }
}

/** Hashes what passes through: the uncompressed tar, for the diffId. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/**
 * Creates a layer blob in memory from entries: a tar (gzip-compressed by default) and its digests.
 * Paths are checked like any tar Slipway reads (no absolute paths, no `..`); parents are not added
 * implicitly, so list directories you want with specific modes.
 */
export async function createLayer(
  entries: Iterable<LayerEntry>,
  options: CreateLayerOptions = {},
): Promise<LayerBlob> {
  const ordered = options.reproducible ? sortLayerEntries([...entries]) : [...entries];
  const named = ordered
    .map((entry) => ({ entry, name: tarName(entry, safeEntryPath(WHERE, entry.path)) }))
    .filter(({ name }) => name !== '/' && name !== '');
  const gzip = (options.compression ?? 'gzip') === 'gzip';
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  const chunks: Buffer[] = [];
  const tar = pack();
  const done = pipeline(
    tar,
    hashing(diff),
    gzip ? createGzip({ level: options.gzipLevel ?? 6 }) : new PassThrough(),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) {
        blob.update(chunk);
        chunks.push(chunk);
      }
    },
  );
  try {
    for (const { entry, name } of named) await writeEntry(tar, entry, name, options);
    tar.finalize();
  } catch (error) {
    tar.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
  await done;
  const bytes = Buffer.concat(chunks);
  const mediaType = options.mediaType ?? (gzip ? MediaType.ociLayerGzip : MediaType.ociLayer);
  const digest: Digest = `sha256:${blob.digest('hex')}`;
  return {
    descriptor: { mediaType, digest, size: bytes.byteLength },
    diffId: `sha256:${diff.digest('hex')}`,
    bytes,
  };
}
