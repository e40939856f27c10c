import { OciError } from '../errors';

/** An advisory database file that is missing, not SQLite, or not Slipway's schema. */
export class AdvisoryDbError extends OciError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_SCAN_DB', `advisory database ${path}: ${reason}`, options);
  }
}

/** The advisory database is older than `--max-age` allows. */
export class StaleAdvisoryDbError extends OciError {
  constructor(
    readonly path: string,
    readonly ageSeconds: number,
    readonly maxAgeSeconds: number,
  ) {
    super(
      'SLIPWAY_OCI_SCAN_DB_STALE',
      `advisory database ${path} was updated ${Math.round(ageSeconds / 3600)} h ago, more than the ${Math.round(maxAgeSeconds / 3600)} h allowed; run \`slipway db update\` (or \`slipway db import\` offline)`,
    );
  }
}

/** Advisory input (an OSV JSON file, an `all.zip` dump) that cannot be read. */
export class AdvisoryImportError extends OciError {
  constructor(
    readonly source: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_SCAN_IMPORT', `${source}: ${reason}`, options);
  }
}

/** A download of an advisory dump that failed (HTTP status, network). */
export class AdvisoryDownloadError extends OciError {
  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'SLIPWAY_OCI_SCAN_DOWNLOAD',
      `downloading ${url}: ${reason}; check the base URL (\`--db-url\`) or import a dump offline with \`slipway db import\``,
      options,
    );
  }
}

/** A scan target (directory, image) that cannot be scanned. */
export class ScanTargetError extends OciError {
  constructor(
    readonly target: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_SCAN_TARGET', `${target}: ${reason}`, options);
  }
}

/** An ignore file (`.slipwayignore`, `.trivyignore`) with a line that cannot be understood. */
export class IgnoreFileError extends OciError {
  constructor(
    readonly path: string,
    readonly line: number,
    reason: string,
  ) {
    super('SLIPWAY_SCAN_IGNORE_FILE', `${path}:${line}: ${reason}`);
  }
}

/** A package database or lockfile that cannot be parsed; the scan reports it as skipped. */
export class CatalogueParseError extends OciError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_SCAN_PARSE', `${path}: ${reason}`, options);
  }
}
