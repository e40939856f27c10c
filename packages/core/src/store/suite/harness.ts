import type { Store } from '../store';

/** A store made for one test, how to dispose of it, and (if its data outlives a connection) how to reopen. */
export interface StoreHandle {
  readonly store: Store;
  /** Closes `store` if still open (close must be idempotent) and removes its data. */
  cleanup(): Promise<void>;
  /** Opens another `Store` on the same data, while `store` is open or after; omit for in-memory stores. */
  reopen?(): Promise<Store>;
}

/** Makes a fresh, empty store for each test. */
export type StoreFactory = () => Promise<StoreHandle>;

/** Wraps a test body so that it gets a fresh store and the store is cleaned up whatever happens. */
export function withStore(
  makeStore: StoreFactory,
  body: (store: Store, handle: StoreHandle) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const handle = await makeStore();
    try {
      await body(handle.store, handle);
    } finally {
      await handle.cleanup();
    }
  };
}
