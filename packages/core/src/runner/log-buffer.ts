import type { LogEntry, Store } from '../store/store';

/** Collects log lines and writes them to the store in batches, at most every 50 ms, so logs never slow steps. */
export class LogBuffer {
  #pending: Omit<LogEntry, 'seq'>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Queues one chunk of a node's output. */
  add(entry: Omit<LogEntry, 'seq'>): void {
    this.#pending.push(entry);
    this.#timer ??= setTimeout(() => void this.flush(), 50);
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(async () => {
      if (batch.length > 0) await this.store.appendLogs(batch);
    });
    await this.#writing;
  }
}
