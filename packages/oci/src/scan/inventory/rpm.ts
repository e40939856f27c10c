import Database from 'better-sqlite3';
import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { type Cataloguer, pkg } from './cataloguer';

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  license: 1014,
  sourceRpm: 1044,
} as const;
const STRING_TYPES = new Set([6, 8, 9]);
const INT32 = 4;

/** Reads the tags Slipway needs from an rpm header blob (as rpmdb.sqlite stores it: no lead, no magic). */
export function readRpmHeader(blob: Buffer): Map<number, string | number> {
  const count = blob.readUInt32BE(0);
  const dataLength = blob.readUInt32BE(4);
  const dataStart = 8 + count * 16;
  if (dataStart + dataLength > blob.length) throw new RangeError('header larger than its blob');
  const wanted = new Set<number>(Object.values(TAG));
  const tags = new Map<number, string | number>();
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 16;
    const tag = blob.readUInt32BE(at);
    if (!wanted.has(tag)) continue;
    const type = blob.readUInt32BE(at + 4);
    const offset = dataStart + blob.readUInt32BE(at + 8);
    if (type === INT32) tags.set(tag, blob.readUInt32BE(offset));
    else if (STRING_TYPES.has(type)) tags.set(tag, blob.toString('utf8', offset, blob.indexOf(0, offset)));
  }
  return tags;
}

/** `openssl-3.0.7-24.el9.src.rpm` → `openssl`. */
function sourceName(sourceRpm: string | number | undefined): string | undefined {
  if (typeof sourceRpm !== 'string') return undefined;
  return /^(.+)-[^-]+-[^-]+\.(?:no)?src\.rpm$/.exec(sourceRpm)?.[1];
}

/** Reads the sqlite rpm database (`var/lib/rpm/rpmdb.sqlite`, RHEL 9 / Fedora 33+); BDB and NDB are not read. */
export const rpmCataloguer: Cataloguer = {
  name: 'rpm',
  matches: (path) => path === 'var/lib/rpm/rpmdb.sqlite' || path === 'usr/lib/sysimage/rpm/rpmdb.sqlite',
  parse(path, content) {
    let db: Database.Database;
    try {
      db = new Database(content, { readonly: true });
    } catch (error) {
      throw new CatalogueParseError(path, 'is not an SQLite database', { cause: error });
    }
    try {
      const rows = db.prepare('SELECT blob FROM Packages').all() as { blob: Buffer }[];
      const packages: Package[] = [];
      for (const { blob } of rows) {
        const tags = readRpmHeader(blob);
        const name = tags.get(TAG.name);
        const version = tags.get(TAG.version);
        const release = tags.get(TAG.release);
        if (typeof name !== 'string' || typeof version !== 'string' || name === 'gpg-pubkey') continue;
        const epoch = tags.get(TAG.epoch);
        const evr = `${epoch !== undefined && epoch !== 0 ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}`;
        const license = tags.get(TAG.license);
        packages.push(
          pkg('Red Hat', name, evr, path, {
            sourceName: sourceName(tags.get(TAG.sourceRpm)) ?? name,
            ...(typeof license === 'string' ? { licenses: [license] } : {}),
          }),
        );
      }
      return { packages };
    } catch (error) {
      throw new CatalogueParseError(
        path,
        `could not be read as an rpm database (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    } finally {
      db.close();
    }
  },
};
