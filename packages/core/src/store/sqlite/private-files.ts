import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner-only read/write: the database holds secrets in clear text. */
const PRIVATE_FILE_MODE = 0o600;
/** Owner-only directory for a database directory Slipway creates itself. */
const PRIVATE_DIR_MODE = 0o700;

/** The files SQLite keeps for a database in WAL mode. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

/**
 * Creates the database file (and its directory) owner-only before SQLite opens it. SQLite creates the
 * -wal and -shm files with the same permissions as the database file, so they are born 0600 too.
 */
export function prepareDatabaseFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  // 'a' creates the file if it is missing and never truncates an existing database.
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  restrictDatabaseFiles(path);
}

/**
 * Sets mode 0600 on the database and whichever of its -wal/-shm exist, also repairing files created
 * before this rule or by another tool.
 */
export function restrictDatabaseFiles(path: string): void {
  for (const file of databaseFiles(path)) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      // -wal and -shm come and go (the last connection to close removes them): absent is fine.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
