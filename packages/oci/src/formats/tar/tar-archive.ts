import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArchiveError } from '../errors';
import { decompressor, detectCompression } from '../layer/compression';
import { safeEntryPath, safeHardlinkTarget, safeSymlinkTarget } from './safe-path';
import { BLOCK, isEndBlock, padding, parsePaxRecords, parseTarHeader } from './tar-header';

/** One entry of an indexed tar: where its data is, and for links where they point (normalized, checked). */
export interface TarArchiveEntry {
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  readonly offset: number;
  readonly size: number;
  readonly target?: string;
}

// Pax and GNU long-name records are small; a huge one is a corrupt or hostile archive.
const MAX_META = 1024 * 1024;
const MAX_LINK_HOPS = 32;
const ENTRY_TYPES = new Set<string>(['file', 'directory', 'symlink', 'hardlink']);

/**
 * A tar file indexed once (headers only, data skipped) and then read at random: `docker save` output and
 * oci-archives hold layers of gigabytes, which are streamed from their offset instead of extracted.
 * Every entry is checked on indexing: absolute paths, `..` and links leaving the tree reject the archive.
 * A gzip- or zstd-compressed tar is decompressed to a temporary file first (removed by `close`).
 */
export class TarArchive {
  private constructor(
    /** The archive's name in messages. */
    readonly name: string,
    private readonly file: string,
    private readonly entries: ReadonlyMap<string, TarArchiveEntry>,
    private readonly temporary?: string,
  ) {}

  /** Indexes the tar at `file`; `name` is used in messages (default: the path). */
  static async open(file: string, name = file): Promise<TarArchive> {
    const handle = await open(file, 'r');
    let temporary: string | undefined;
    try {
      const head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
      const transform = decompressor(detectCompression(head), name);
      if (!transform) return new TarArchive(name, file, await indexTar(handle, name));
      temporary = await mkdtemp(join(tmpdir(), 'slipway-tar-'));
      const plain = join(temporary, 'archive.tar');
      await pipeline(createReadStream(file), transform, createWriteStream(plain));
      const plainHandle = await open(plain, 'r');
      try {
        return new TarArchive(name, plain, await indexTar(plainHandle, name), temporary);
      } finally {
        await plainHandle.close();
      }
    } catch (error) {
      if (temporary) await rm(temporary, { recursive: true, force: true });
      throw error;
    } finally {
      await handle.close();
    }
  }

  /** Paths of the regular files, in archive order. */
  files(): string[] {
    return [...this.entries.values()].filter((entry) => entry.type === 'file').map((entry) => entry.path);
  }

  /** The regular file at `path`, following symlinks and hardlinks inside the archive; undefined if absent. */
  find(path: string): TarArchiveEntry | undefined {
    let current = path;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const resolved = this.resolveParents(current);
      const entry = resolved === undefined ? undefined : this.entries.get(resolved);
      if (!entry) return undefined;
      if (entry.type === 'file') return entry;
      if (entry.target === undefined) return undefined;
      current = entry.target;
    }
    throw new InvalidArchiveError(this.name, `\`${path}\` is a chain of more than ${MAX_LINK_HOPS} links`);
  }

  /** The bytes of the file at `path`, or undefined if absent; larger than `limit` is an error (memory). */
  async readFile(path: string, limit: number): Promise<Buffer | undefined> {
    const entry = this.find(path);
    if (!entry) return undefined;
    if (entry.size > limit) {
      throw new InvalidArchiveError(
        this.name,
        `\`${path}\` is ${entry.size} bytes, more than the ${limit} allowed`,
      );
    }
    const handle = await open(this.file, 'r');
    try {
      const bytes = Buffer.alloc(entry.size);
      await handle.read(bytes, 0, entry.size, entry.offset);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  /** A stream of the file at `path`, or undefined if absent. */
  openFile(path: string): Readable | undefined {
    const entry = this.find(path);
    if (!entry) return undefined;
    if (entry.size === 0) return Readable.from([]);
    return createReadStream(this.file, { start: entry.offset, end: entry.offset + entry.size - 1 });
  }

  /** Removes the temporary decompressed copy, if any. */
  async close(): Promise<void> {
    if (this.temporary) await rm(this.temporary, { recursive: true, force: true });
  }

  /** Replaces symlinked directories in `path` by their targets (`a/layer.tar` with `a -> b` is `b/layer.tar`). */
  private resolveParents(path: string): string | undefined {
    let current = path;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const parts = current.split('/');
      let rewritten: string | undefined;
      for (let i = 1; i < parts.length; i++) {
        const entry = this.entries.get(parts.slice(0, i).join('/'));
        if (entry?.type === 'symlink' && entry.target !== undefined) {
          rewritten = [entry.target, ...parts.slice(i)].filter((part) => part !== '').join('/');
          break;
        }
      }
      if (rewritten === undefined) return current;
      current = rewritten;
    }
    return undefined;
  }
}

/** Reads every header of the tar, checking each entry, and maps normalized paths to their entries. */
async function indexTar(handle: FileHandle, name: string): Promise<Map<string, TarArchiveEntry>> {
  const { size: fileSize } = await handle.stat();
  const entries = new Map<string, TarArchiveEntry>();
  const block = Buffer.alloc(BLOCK);
  let position = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  while (position + BLOCK <= fileSize) {
    await handle.read(block, 0, BLOCK, position);
    if (isEndBlock(block)) break;
    const header = parseTarHeader(block);
    if (!header) {
      throw new InvalidArchiveError(name, `not a tar archive (bad header checksum at byte ${position})`);
    }
    const offset = position + BLOCK;
    const size = pax.has('size') ? Number(pax.get('size')) : header.size;
    if (!Number.isSafeInteger(size) || size < 0 || offset + size > fileSize) {
      throw new InvalidArchiveError(name, `the archive is truncated or corrupt (entry at byte ${position})`);
    }
    position = offset + size + padding(size);
    if (header.type === 'pax' || header.type === 'pax-global' || header.type.startsWith('gnu-')) {
      if (size > MAX_META)
        throw new InvalidArchiveError(name, `a ${size}-byte tar metadata record is too large`);
      const data = Buffer.alloc(size);
      await handle.read(data, 0, size, offset);
      if (header.type === 'pax') pax = parsePaxRecords(data);
      // Global pax records only carry defaults such as mtime or charset, which Slipway does not use.
      const text = data.toString('utf8').replace(/\0+$/, '');
      if (header.type === 'gnu-long-name') longName = text;
      if (header.type === 'gnu-long-link') longLink = text;
      continue;
    }
    const rawPath = pax.get('path') ?? longName ?? header.name;
    const rawLink = pax.get('linkpath') ?? longLink ?? header.linkname;
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    const path = safeEntryPath(name, rawPath);
    if (path === '') continue;
    const type: TarArchiveEntry['type'] = ENTRY_TYPES.has(header.type)
      ? (header.type as TarArchiveEntry['type'])
      : 'other';
    let target: string | undefined;
    if (type === 'symlink') target = safeSymlinkTarget(name, path, rawLink);
    if (type === 'hardlink') target = safeHardlinkTarget(name, path, rawLink);
    entries.set(path, {
      path,
      type,
      offset,
      size: type === 'file' ? size : 0,
      ...(target !== undefined ? { target } : {}),
    });
  }
  return entries;
}
