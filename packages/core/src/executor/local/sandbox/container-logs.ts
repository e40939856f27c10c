import { type FSWatcher, watch } from 'node:fs';
import { FileTail } from './file-tail';
import { SANDBOX_FILES, sandboxFile } from './supervisor';

/** Receives a container's output as the sandbox writes it. */
export type OutputSink = (stream: 'stdout' | 'stderr', chunk: Buffer) => void;

const LAST_BYTES = 4096;

/**
 * Follows the stdout and stderr files a container's supervisor writes: each change in the container's
 * directory wakes a read of what was appended, so output streams while the container runs. The last bytes
 * of each stream are kept, to explain a sandbox that failed to start.
 */
export class ContainerLogs {
  readonly #stdout: FileTail;
  readonly #stderr: FileTail;
  readonly #last = { stdout: '', stderr: '' };
  #watcher: FSWatcher | undefined;

  /** `onChange`: told the name of each other file of the container's directory that changes. */
  constructor(
    private readonly dir: string,
    sink: OutputSink,
    private readonly onChange: (name: keyof typeof SANDBOX_FILES) => void = () => {},
  ) {
    const follow = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      this.#last[stream] = (this.#last[stream] + chunk.toString('utf8')).slice(-LAST_BYTES);
      sink(stream, chunk);
    };
    this.#stdout = new FileTail(sandboxFile(dir, 'stdout'), follow('stdout'));
    this.#stderr = new FileTail(sandboxFile(dir, 'stderr'), follow('stderr'));
  }

  /** The last characters of a stream read so far. */
  last(stream: 'stdout' | 'stderr'): string {
    return this.#last[stream];
  }

  /** Starts following; `existing`: the files may already hold output (a sandbox started earlier). */
  start(existing: boolean): void {
    try {
      this.#watcher = watch(this.dir, (_event, name) => {
        if (name === SANDBOX_FILES.stdout) void this.#stdout.pump();
        else if (name === SANDBOX_FILES.stderr) void this.#stderr.pump();
        else if (name === SANDBOX_FILES.exited) this.onChange('exited');
        else if (name === SANDBOX_FILES.identity) this.onChange('identity');
      });
      this.#watcher.on('error', () => {});
    } catch {
      // Without a watcher the output still arrives, all at once when the container ends.
    }
    if (!existing) return;
    void this.#stdout.pump();
    void this.#stderr.pump();
  }

  /** Stops following, once everything written so far has been read. */
  async close(): Promise<void> {
    this.#watcher?.close();
    await Promise.all([this.#stdout.close(), this.#stderr.close()]);
  }
}
