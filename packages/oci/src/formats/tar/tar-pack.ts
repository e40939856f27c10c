import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { type Header, type Pack, pack } from 'tar-stream';

/** What `packEntry` needs of a header: a name, the rest defaulted by tar-stream. */
export type EntryHeader = Partial<Header> & Pick<Header, 'name'>;

/** The Unix epoch: the mtime of every entry Slipway writes into archives, so equal inputs give equal bytes. */
export const EPOCH = new Date(0);

/**
 * Adds one entry to a tar-stream pack and resolves when it is written. Content is bytes or a stream of
 * exactly `header.size` bytes; written with backpressure so a multi-gigabyte layer is never buffered.
 */
export async function packEntry(
  tar: Pack,
  header: EntryHeader,
  content?: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<void> {
  let settle: (error?: Error | null) => void = () => {};
  const written = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const sink = tar.entry(header, (error) => settle(error));
  if (content instanceof Uint8Array) {
    sink.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  } else if (content) {
    try {
      for await (const chunk of content) {
        if (!sink.write(Buffer.from(chunk))) await once(sink, 'drain');
      }
    } catch (error) {
      // A failed source must not leave the entry open, or the archive would wait for it forever.
      sink.destroy(error as Error);
      throw error;
    }
    sink.end(undefined);
  } else {
    sink.end(undefined);
  }
  await written;
}

/** A tar file being written entry by entry. */
export interface TarFileWriter {
  /** Adds a regular file (mode 0644 unless given). */
  addFile(
    path: string,
    content: Uint8Array | AsyncIterable<Uint8Array>,
    size: number,
    mode?: number,
  ): Promise<void>;
  /** Adds a directory entry (mode 0755). */
  addDirectory(path: string): Promise<void>;
  /** Writes the end-of-archive blocks and closes the file. */
  finish(): Promise<void>;
  /** Stops writing after a failure; the caller removes the partial file. */
  abort(error: Error): Promise<void>;
}

/** Starts writing a tar file at `path` with fixed owners and mtimes (reproducible archives). */
export function createTarFile(path: string): TarFileWriter {
  const tar = pack();
  const done = pipeline(tar, createWriteStream(path));
  // Failures surface from `finish`/`abort`; this only keeps an early one from being reported as unhandled.
  done.catch(() => {});
  const base = { uid: 0, gid: 0, mtime: EPOCH };
  return {
    addFile: (name, content, size, mode = 0o644) =>
      packEntry(tar, { ...base, name, size, mode, type: 'file' }, content),
    addDirectory: (name) =>
      packEntry(tar, {
        ...base,
        name: name.endsWith('/') ? name : `${name}/`,
        mode: 0o755,
        type: 'directory',
      }),
    async finish() {
      tar.finalize();
      await done;
    },
    async abort(error) {
      tar.destroy(error);
      await done.catch(() => {});
    },
  };
}

/** An entry for `tarBytes`. */
export interface InMemoryTarEntry {
  header: EntryHeader;
  content?: Uint8Array;
}

/** Packs small entries into tar bytes in memory, headers as given (no path checks: tests build hostile tars with it). */
export async function tarBytes(entries: readonly InMemoryTarEntry[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of tar) chunks.push(chunk as Buffer);
  })();
  for (const { header, content } of entries) {
    await packEntry(
      tar,
      { mtime: EPOCH, ...header, ...(content ? { size: content.byteLength } : {}) },
      content,
    );
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}
