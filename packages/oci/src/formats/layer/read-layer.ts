import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { OciError } from '../../errors';
import { InvalidArchiveError, UnsafeTarError } from '../errors';
import { safeEntryPath, safeHardlinkTarget } from '../tar/safe-path';
import { openDecompressed } from './compression';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from './layer-entry';

/** What a layer says about one path. Whiteouts are decoded: `path` is what they delete (or make opaque). */
export interface LayerEntryInfo {
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly mtime: Date;
  /** Symlink target as stored (absolute targets are relative to the image root); hardlink target path. */
  readonly target?: string;
}

/** An entry being read; its content can be read (wholly or partly) until the next entry is asked for. */
export interface LayerEntryRead extends LayerEntryInfo {
  readonly content: AsyncIterable<Buffer>;
  readBytes(): Promise<Buffer>;
}

function classify(header: Header, path: string): Pick<LayerEntryInfo, 'path' | 'type'> {
  const name = posix.basename(path);
  const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  if (name === OPAQUE_MARKER) return { path: dir, type: 'opaque' };
  // Other `.wh..wh.` names are aufs bookkeeping (hardlink dirs), not whiteouts of files named `.wh.…`.
  if (name.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return { path, type: 'other' };
  if (name.startsWith(WHITEOUT_PREFIX)) {
    const deleted = name.slice(WHITEOUT_PREFIX.length);
    return { path: dir === '' ? deleted : `${dir}/${deleted}`, type: 'whiteout' };
  }
  switch (header.type) {
    case 'file':
    case 'contiguous-file':
      return { path, type: 'file' };
    case 'directory':
    case 'symlink':
      return { path, type: header.type };
    case 'link':
      return { path, type: 'hardlink' };
    default:
      return { path, type: 'other' };
  }
}

/** Checks a symlink inside a layer: absolute targets resolve against the image root; relative ones must not climb out. */
function checkSymlink(where: string, path: string, target: string): void {
  if (target.startsWith('/')) return;
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw new UnsafeTarError(where, path, `is a symlink to \`${target}\`, above the root of the image`);
  }
}

/**
 * Iterates the entries of a layer (gzip, zstd where Node supports it, or plain tar), checking each one:
 * absolute or `..` paths, hardlinks out of the tree and relative symlinks climbing above the root are rejected.
 * Content not read before the next entry is skipped. `where` names the layer in errors.
 */
export async function* readLayer(
  input: AsyncIterable<Uint8Array>,
  where = 'layer',
): AsyncGenerator<LayerEntryRead> {
  const { stream } = await openDecompressed(input, where);
  const tar = extract();
  pipeline(stream, tar).catch((error: unknown) => tar.destroy(error as Error));
  try {
    for await (const entry of tar) {
      const { header } = entry;
      const info = classify(header, safeEntryPath(where, header.name));
      if (info.path === '' && info.type !== 'opaque') {
        for await (const _ of entry);
        continue;
      }
      let target: string | undefined;
      if (info.type === 'hardlink') target = safeHardlinkTarget(where, info.path, header.linkname ?? '');
      if (info.type === 'symlink') {
        target = header.linkname ?? '';
        checkSymlink(where, info.path, target);
      }
      // One iterator per entry, never returned early: returning it would destroy the whole extraction.
      const chunks = entry[Symbol.asyncIterator]();
      let finished = false;
      const content: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          while (!finished) {
            const next = await chunks.next();
            if (next.done) finished = true;
            else yield next.value as Buffer;
          }
        },
      };
      yield {
        ...info,
        mode: header.mode & 0o7777,
        uid: header.uid,
        gid: header.gid,
        size: info.type === 'file' ? header.size : 0,
        mtime: header.mtime,
        ...(target !== undefined ? { target } : {}),
        content,
        async readBytes() {
          const parts: Buffer[] = [];
          for await (const part of content) parts.push(part);
          return Buffer.concat(parts);
        },
      };
      while (!finished) finished = (await chunks.next()).done === true;
    }
  } catch (error) {
    if (error instanceof OciError) throw error;
    throw new InvalidArchiveError(where, `is not a valid layer tar: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Reads a whole layer into memory: entry metadata, with the bytes of regular files. For tests and small layers. */
export async function readLayerEntries(
  input: AsyncIterable<Uint8Array>,
  where = 'layer',
): Promise<(LayerEntryInfo & { bytes?: Buffer })[]> {
  const entries: (LayerEntryInfo & { bytes?: Buffer })[] = [];
  for await (const { content: _content, readBytes, ...info } of readLayer(input, where)) {
    entries.push(info.type === 'file' ? { ...info, bytes: await readBytes() } : info);
  }
  return entries;
}
