import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdvisoryDownloadError } from '../errors';
import type { AdvisoryDb } from './advisory-db';
import { type ImportResult, importAdvisories } from './import';

/** The public OSV bucket; a mirror with the same `<ecosystem>/all.zip` layout serves air-gapped sites. */
export const DEFAULT_OSV_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** Ecosystems downloaded when none are named: those Slipway inventories. */
export const DEFAULT_ECOSYSTEMS = [
  'Alpine',
  'Debian',
  'Ubuntu',
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
] as const;

/** Options for `updateAdvisoryDb`. */
export interface UpdateOptions {
  readonly baseUrl?: string;
  readonly ecosystems?: readonly string[];
  /** Called as each ecosystem is done. */
  readonly onEcosystem?: (ecosystem: string, result: ImportResult) => void;
}

/** Downloads `<base>/<ecosystem>/all.zip` for each ecosystem and imports it; the DB is marked updated at the end. */
export async function updateAdvisoryDb(db: AdvisoryDb, options: UpdateOptions = {}): Promise<ImportResult> {
  const base = (options.baseUrl ?? DEFAULT_OSV_BASE_URL).replace(/\/+$/, '');
  const ecosystems = options.ecosystems ?? DEFAULT_ECOSYSTEMS;
  const dir = await mkdtemp(join(tmpdir(), 'slipway-osv-'));
  const total = { advisories: 0, files: 0, skipped: [] as ImportResult['skipped'][number][] };
  try {
    for (const ecosystem of ecosystems) {
      const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
      const file = join(dir, `${ecosystem.replace(/[^A-Za-z0-9.-]/g, '_')}.zip`);
      let response: Response;
      try {
        response = await fetch(url);
      } catch (error) {
        throw new AdvisoryDownloadError(url, (error as Error).message, { cause: error });
      }
      if (!response.ok || !response.body) throw new AdvisoryDownloadError(url, `HTTP ${response.status}`);
      await pipeline(
        Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        createWriteStream(file),
      );
      const result = await importAdvisories(db, [file]);
      await rm(file, { force: true });
      options.onEcosystem?.(ecosystem, result);
      total.advisories += result.advisories;
      total.files += result.files;
      total.skipped.push(...result.skipped);
    }
    db.markUpdated(base);
    return total;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
