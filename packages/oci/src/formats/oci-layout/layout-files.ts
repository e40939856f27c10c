import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArchiveError } from '../errors';
import type { TarArchive } from '../tar/tar-archive';

/** Read access to the files of an OCI layout, wherever it lives (a directory, or a tar of one). */
export interface LayoutFiles {
  /** The layout's name in messages: `oci:./out`, `oci-archive:image.tar`. */
  readonly name: string;
  /** A small file's bytes, undefined if absent; bigger than `limit` is an error. */
  readFile(path: string, limit: number): Promise<Buffer | undefined>;
  /** A stream of a file, undefined if absent. */
  openFile(path: string): Promise<Readable | undefined>;
  /** Releases what reading needed (temporary files). */
  close(): Promise<void>;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Layout files in a directory. Paths come from checked digests and fixed names, never from the layout itself. */
export function directoryFiles(dir: string, name: string): LayoutFiles {
  return {
    name,
    async readFile(path, limit) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(join(dir, path), 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        if (size > limit)
          throw new InvalidArchiveError(name, `\`${path}\` is ${size} bytes, more than the ${limit} allowed`);
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },
    async openFile(path) {
      try {
        // Opening first turns a missing file into `undefined` rather than a stream error later.
        const handle = await open(join(dir, path), 'r');
        // Large reads: blobs are tens of megabytes, and 64 KiB reads cost a syscall and a chunk each.
        return handle.createReadStream({ highWaterMark: 1 << 20 });
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    close: async () => {},
  };
}

/** Layout files inside an indexed tar (an oci-archive). */
export function tarFiles(archive: TarArchive, name: string): LayoutFiles {
  return {
    name,
    readFile: (path, limit) => archive.readFile(path, limit),
    openFile: async (path) => archive.openFile(path),
    close: () => archive.close(),
  };
}
