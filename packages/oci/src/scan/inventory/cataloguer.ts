import { CatalogueParseError } from '../errors';
import type { Ecosystem, OsRelease, Package } from '../types';

/** What one file yields: packages, or the OS release. */
export interface CatalogueResult {
  readonly packages: Package[];
  readonly os?: OsRelease;
}

/** Reads one kind of package database or lockfile. */
export interface Cataloguer {
  readonly name: string;
  /** Whether the file at `path` (relative to the root, `/`-separated) is one this cataloguer reads. */
  matches(path: string): boolean;
  /** Parses the file; throws CatalogueParseError when it is malformed. */
  parse(path: string, content: Buffer): CatalogueResult | Promise<CatalogueResult>;
}

/** Parses JSON, turning a syntax error into a CatalogueParseError naming the file. */
export function parseJsonFile(path: string, content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new CatalogueParseError(path, `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** A package record, leaving out fields that are undefined. */
export function pkg(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  path: string,
  extra: { sourceName?: string; sourceVersion?: string; licenses?: readonly string[] } = {},
): Package {
  return {
    ecosystem,
    name,
    version,
    path,
    ...(extra.sourceName !== undefined && extra.sourceName !== name ? { sourceName: extra.sourceName } : {}),
    ...(extra.sourceVersion !== undefined && extra.sourceVersion !== version
      ? { sourceVersion: extra.sourceVersion }
      : {}),
    ...(extra.licenses && extra.licenses.length > 0 ? { licenses: extra.licenses } : {}),
  };
}

/** The object at `value`, or a CatalogueParseError. */
export function asObject(path: string, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogueParseError(path, `${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
