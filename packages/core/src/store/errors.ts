import { SlipwayError } from '../errors';

/** `createWorkflow` was given a name that is already stored. */
export class WorkflowExistsError extends SlipwayError {
  constructor(readonly workflow: string) {
    super(
      'SLIPWAY_STORE_EXISTS',
      `a workflow named \`${workflow}\` already exists; pick another name (or use \`generateName\`), or delete the old one first`,
    );
  }
}

/** A workflow named by `saveWorkflow` or `appendLogs` is not stored (never created, or deleted since). */
export class WorkflowNotFoundError extends SlipwayError {
  constructor(readonly workflow: string) {
    super(
      'SLIPWAY_STORE_NOT_FOUND',
      `no workflow named \`${workflow}\` is stored; create it before saving its state or appending its logs`,
    );
  }
}

/** The store was used after `close()`. */
export class StoreClosedError extends SlipwayError {
  constructor() {
    super('SLIPWAY_STORE_CLOSED', 'the store is closed; open a new one instead of reusing a closed store');
  }
}

/** The database could not be opened or prepared (bad path, permissions, not a database, locked too long). */
export class StoreOpenError extends SlipwayError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'SLIPWAY_STORE_OPEN',
      `cannot open the Slipway database at \`${path}\`: ${reason}; check that the path is a writable Slipway database, or choose another path`,
      { cause },
    );
  }
}

/** The database was written by a newer Slipway whose schema this version does not know. */
export class StoreSchemaTooNewError extends SlipwayError {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'SLIPWAY_STORE_SCHEMA_TOO_NEW',
      `the database at \`${path}\` has schema version ${found} but this Slipway knows up to ${supported}; upgrade Slipway, or use another database path`,
    );
  }
}

/** A stored value cannot be read back (invalid JSON or wrong shape): the database was edited or damaged. */
export class StoredDataError extends SlipwayError {
  constructor(
    readonly where: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      'SLIPWAY_STORE_CORRUPT',
      `stored ${where} ${problem}; the database was modified outside Slipway or is damaged: delete that entry and store it again, or restore a backup`,
      options,
    );
  }
}

/** Another connection held the database's write lock for longer than the busy timeout. */
export class StoreBusyError extends SlipwayError {
  constructor(
    readonly path: string,
    readonly timeoutMs: number,
    cause: unknown,
  ) {
    super(
      'SLIPWAY_STORE_BUSY',
      `the database at \`${path}\` stayed locked by another Slipway process for more than ${timeoutMs} ms; wait for it to finish and retry, or raise the busy timeout`,
      { cause },
    );
  }
}

/** The disk holding the database is full. */
export class StoreFullError extends SlipwayError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(
      'SLIPWAY_STORE_FULL',
      `the disk holding the database at \`${path}\` is full; free some space (or delete old workflows) and retry`,
      { cause },
    );
  }
}
