// The behaviour every Store must have, written once so that the SQLite store and a future PostgreSQL
// store are held to the same contract. Register it from a *.test.ts file with a factory of fresh stores.
import { describe } from 'node:test';
import type { StoreFactory } from './suite/harness';
import { logCases } from './suite/log-cases';
import { persistenceCases } from './suite/persistence-cases';
import { secretCases } from './suite/secret-cases';
import { templateCases } from './suite/template-cases';
import { workflowCases } from './suite/workflow-cases';

export type { StoreFactory, StoreHandle } from './suite/harness';

/**
 * Registers the shared Store tests under `name`. `makeStore` gives each test a fresh, empty store; the
 * persistence tests are registered for stores whose data outlives a connection (not for `:memory:`).
 */
export function storeSuite(
  name: string,
  makeStore: StoreFactory,
  options: { reopenable?: boolean } = {},
): void {
  describe(`${name}: workflows`, () => workflowCases(makeStore));
  describe(`${name}: logs`, () => logCases(makeStore));
  describe(`${name}: templates`, () => templateCases(makeStore));
  describe(`${name}: secrets and config maps`, () => secretCases(makeStore));
  if (options.reopenable !== false) describe(`${name}: persistence`, () => persistenceCases(makeStore));
}
