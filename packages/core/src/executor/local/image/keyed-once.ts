/**
 * Runs at most one job per key at a time: callers asking for a key whose job is under way share its
 * promise. This is the per-image and per-layer lock of the image cache; once a job settles the key is free.
 */
export class KeyedOnce<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The result of `job` for `key`, started now unless a job for `key` is already running. */
  run(key: string, job: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const started = job().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
