export {
  StoreClosedError,
  StoredDataError,
  StoreOpenError,
  StoreSchemaTooNewError,
  WorkflowExistsError,
  WorkflowNotFoundError,
} from './errors';
export { defaultSqlitePath } from './sqlite/default-path';
export { SqliteStore, type SqliteStoreOptions, type SqliteStoreSettings } from './sqlite/sqlite-store';
export type { LogEntry, Store, TemplateKind, WorkflowRecord } from './store';
