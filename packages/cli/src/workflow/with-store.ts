import { join } from 'node:path';
import { SqliteStore } from '@slipway/core';
import { homeOf } from './home';
import type { WorkflowIo } from './io';

/** Opens the home's store for one piece of work and closes it afterwards. */
export async function withStore<T>(
  flags: { home?: string },
  io: WorkflowIo,
  work: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const store = new SqliteStore(join(homeOf(flags, io), 'slipway.db'));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
