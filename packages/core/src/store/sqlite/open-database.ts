import Database from 'better-sqlite3';
import { SlipwayError } from '../../errors';
import { StoreOpenError } from '../errors';
import { migrate } from './migrations';
import { prepareDatabaseFile, restrictDatabaseFiles } from './private-files';

/** How a SQLite database is opened. */
export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before failing (ms). */
  readonly busyTimeoutMs: number;
  /** `normal`: fsync at checkpoints (survives process crashes); `full`: fsync each commit (and power loss). */
  readonly synchronous: 'normal' | 'full';
}

/** True for paths SQLite keeps in memory or in a private temporary file: no file to protect. */
export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** Opens (creating if needed) a Slipway database with its pragmas set and its schema migrated. */
export function openDatabase(path: string, options: OpenDatabaseOptions): Database.Database {
  const onDisk = !isMemoryPath(path);
  let db: Database.Database | undefined;
  try {
    if (onDisk) prepareDatabaseFile(path);
    db = new Database(path, { timeout: options.busyTimeoutMs });
    // WAL: readers never block the writer and a second process can open the same file. A commit appends
    // to the -wal file with write(2) before COMMIT returns, so once saveWorkflow resolves the transition
    // is in the OS page cache: a crash or SIGKILL of this process cannot lose it, and the next open
    // replays the WAL. synchronous=NORMAL only skips the fsync on each commit (fsync happens at
    // checkpoints), so what a power loss or kernel crash can cost is the last few commits, never the
    // database's integrity. `full` closes that gap at the price of one fsync per transition.
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // Logs reference their workflow with ON DELETE CASCADE, which SQLite enforces only when asked.
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    if (onDisk) restrictDatabaseFiles(path);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof SlipwayError) throw error;
    throw new StoreOpenError(path, error);
  }
}
