import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AdvisoryImportError } from '../errors';
import { type ZipEntry, zipEntries } from '../zip/zip-entries';
import type { AdvisoryDb } from './advisory-db';
import { type ParsedAdvisory, parseOsv } from './osv';

/** What an import did. */
export interface ImportResult {
  readonly advisories: number;
  readonly files: number;
  /** Entries passed over, each with the reason (bad JSON inside a dump, not OSV). */
  readonly skipped: { readonly source: string; readonly reason: string }[];
}

const BATCH = 5000;

class Importer {
  advisories = 0;
  files = 0;
  readonly skipped: { source: string; reason: string }[] = [];
  private batch: ParsedAdvisory[] = [];

  constructor(private readonly db: AdvisoryDb) {}

  /** Adds the advisories of one JSON document; `strict` turns a bad document into an error instead of a skip. */
  addJson(source: string, bytes: Buffer, strict: boolean): void {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      if (strict)
        throw new AdvisoryImportError(source, `is not valid JSON (${(error as Error).message})`, {
          cause: error,
        });
      this.skipped.push({ source, reason: `not valid JSON (${(error as Error).message})` });
      return;
    }
    for (const item of Array.isArray(json) ? json : [json]) {
      const parsed = parseOsv(item);
      if (typeof parsed === 'string') {
        if (strict) throw new AdvisoryImportError(source, parsed);
        this.skipped.push({ source, reason: parsed });
        continue;
      }
      this.batch.push(parsed);
      if (this.batch.length >= BATCH) this.flush();
    }
    this.files++;
  }

  flush(): void {
    if (this.batch.length === 0) return;
    this.advisories += this.db.store(this.batch);
    this.batch = [];
  }
}

async function importZip(importer: Importer, path: string): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(await readFile(path));
  } catch (error) {
    throw new AdvisoryImportError(path, `is not a readable zip archive (${(error as Error).message})`, {
      cause: error,
    });
  }
  for (const entry of entries) {
    if (!entry.name.endsWith('.json')) continue;
    let bytes: Buffer;
    try {
      bytes = entry.read();
    } catch (error) {
      throw new AdvisoryImportError(path, `is a corrupt zip archive (${(error as Error).message})`, {
        cause: error,
      });
    }
    importer.addJson(`${path}!${entry.name}`, bytes, false);
  }
}

async function importPath(importer: Importer, path: string, top: boolean): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw new AdvisoryImportError(path, 'does not exist or cannot be read', { cause: error });
  });
  if (info.isDirectory()) {
    const names = (await readdir(path)).sort();
    for (const name of names) {
      if (name.endsWith('.json') || name.endsWith('.zip') || (await stat(join(path, name))).isDirectory()) {
        await importPath(importer, join(path, name), false);
      }
    }
  } else if (path.endsWith('.zip')) {
    await importZip(importer, path);
  } else {
    importer.addJson(path, await readFile(path), top);
  }
}

/**
 * Imports OSV advisories into `db`: JSON files (one advisory or a list), per-ecosystem `all.zip` dumps, or
 * directories of either. Entries of a dump that are not OSV are skipped and listed; a named file that is not
 * is an error.
 */
export async function importAdvisories(db: AdvisoryDb, paths: readonly string[]): Promise<ImportResult> {
  const importer = new Importer(db);
  for (const path of paths) await importPath(importer, path, true);
  importer.flush();
  return { advisories: importer.advisories, files: importer.files, skipped: importer.skipped };
}
