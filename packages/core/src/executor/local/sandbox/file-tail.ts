import { closeSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

const CHUNK = 64 * 1024;

/** Reads a file another process appends to, passing on each new piece once. */
export class FileTail {
  #handle: FileHandle | undefined;
  #offset = 0;
  #reading: Promise<void> = Promise.resolve();
  #closed = false;
  #queued = false;
  readonly #buffer = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly path: string,
    private readonly onData: (chunk: Buffer) => void,
  ) {}

  /** Reads what was appended since the last read (reads never overlap); resolves at the current end. */
  pump(): Promise<void> {
    // A read already waiting to start will see this append too.
    if (this.#queued) return this.#reading;
    this.#queued = true;
    this.#reading = this.#reading
      .then(() => {
        this.#queued = false;
        return this.#read();
      })
      .catch(() => {});
    return this.#reading;
  }

  async #read(): Promise<void> {
    if (this.#closed) return;
    if (this.#handle === undefined) {
      // The file appears when the sandbox starts writing; until then there is nothing to read.
      const handle = await open(this.path, 'r').catch(() => undefined);
      if (handle === undefined) return;
      if (this.#closed) return void (await handle.close());
      this.#handle = handle;
    }
    for (;;) {
      const { bytesRead } = await this.#handle.read(this.#buffer, 0, CHUNK, this.#offset);
      if (bytesRead === 0) return;
      this.#offset += bytesRead;
      this.onData(Buffer.from(this.#buffer.subarray(0, bytesRead)));
    }
  }

  /**
   * Reads to the end, then lets go of the file. The writer has finished: what is left is read synchronously,
   * which for the usual few bytes costs less than the round trips of asynchronous reads.
   */
  async close(): Promise<void> {
    await this.#reading;
    this.#closed = true;
    const handle = this.#handle;
    this.#handle = undefined;
    let fd: number | undefined;
    try {
      fd = handle?.fd ?? openSync(this.path, 'r');
      for (;;) {
        const read = readSync(fd, this.#buffer, 0, CHUNK, this.#offset);
        if (read === 0) break;
        this.#offset += read;
        this.onData(Buffer.from(this.#buffer.subarray(0, read)));
      }
    } catch {
      // No file: the sandbox never wrote to this stream.
    } finally {
      if (handle) await handle.close().catch(() => {});
      else if (fd !== undefined) closeSync(fd);
    }
  }
}
