import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AdvisoryDbError, StaleAdvisoryDbError } from '../errors';
import { decodeAffected, encodeAffected } from './entry-codec';
import { normalizeName, type OsvAffected, type OsvSummary, type ParsedAdvisory } from './osv';

const SCHEMA_VERSION = '4';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS advisories (id TEXT PRIMARY KEY, modified TEXT NOT NULL, summary TEXT NOT NULL);
-- Clustered by package, so that one lookup reads the few pages holding that package's advisories.
CREATE TABLE IF NOT EXISTS affected (
  ecosystem TEXT NOT NULL, name TEXT NOT NULL, advisory TEXT NOT NULL, seq INTEGER NOT NULL,
  release TEXT NOT NULL, entry TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, advisory, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory);
-- What scans read: one row per package holding all its [advisory, release, entry] triples, kept in step with
-- \`affected\` on every import, so a thousand-package scan reads a thousand rows.
CREATE TABLE IF NOT EXISTS packages (
  ecosystem TEXT NOT NULL, name TEXT NOT NULL, rows TEXT NOT NULL, PRIMARY KEY (ecosystem, name)
) WITHOUT ROWID;
`;

/** A row matching needs: which advisory, for which release, with which ranges. */
export interface AffectedRow {
  readonly advisory: string;
  readonly release: string;
  readonly affected: OsvAffected;
}

/** What `db status` shows. */
export interface AdvisoryDbStatus {
  readonly path: string;
  readonly updatedAt?: Date;
  readonly source?: string;
  readonly advisories: number;
  /** Affected packages per ecosystem. */
  readonly ecosystems: Record<string, number>;
}

/** The local OSV advisory store: an SQLite file indexed by ecosystem and package name. */
export class AdvisoryDb {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** Opens (creating if `create`) the database at `path`; a file that is not one is a clear error. */
  static open(path: string, options: { create?: boolean; readonly?: boolean } = {}): AdvisoryDb {
    if (!existsSync(path)) {
      if (!options.create) {
        throw new AdvisoryDbError(
          path,
          'does not exist; run `slipway db update` (or `slipway db import FILE` offline)',
        );
      }
      mkdirSync(dirname(path), { recursive: true });
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, {
        readonly: options.readonly === true && !options.create,
        fileMustExist: !options.create,
      });
      if (!options.readonly || options.create) {
        db.pragma('journal_mode = WAL');
        db.exec(SCHEMA);
        db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
      }
      // Scans look up a thousand packages at once: keep the database mapped and its pages cached.
      db.pragma('mmap_size = 268435456');
      db.pragma('cache_size = -65536');
      const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
        | { value: string }
        | undefined;
      if (schema?.value !== SCHEMA_VERSION) {
        throw new AdvisoryDbError(
          path,
          `has schema ${schema?.value ?? 'none'}, not ${SCHEMA_VERSION}; delete it and run \`slipway db update\``,
        );
      }
      return new AdvisoryDb(path, db);
    } catch (error) {
      db?.close();
      if (error instanceof AdvisoryDbError) throw error;
      throw new AdvisoryDbError(
        path,
        `is not a readable Slipway advisory database (${(error as Error).message}); delete it and run \`slipway db update\``,
        { cause: error },
      );
    }
  }

  /** Stores advisories (replacing earlier versions of the same ids) in one transaction. */
  store(advisories: Iterable<ParsedAdvisory>): number {
    const deleteAffected = this.db.prepare('DELETE FROM affected WHERE advisory = ?');
    const deleteAdvisory = this.db.prepare('DELETE FROM advisories WHERE id = ?');
    const insertAdvisory = this.db.prepare(
      'INSERT OR REPLACE INTO advisories (id, modified, summary) VALUES (?, ?, ?)',
    );
    const insertAffected = this.db.prepare(
      'INSERT OR REPLACE INTO affected (ecosystem, name, advisory, seq, release, entry) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const previousPackages = this.db.prepare('SELECT ecosystem, name FROM affected WHERE advisory = ?').raw();
    const rebuild = this.db.prepare(
      `INSERT OR REPLACE INTO packages (ecosystem, name, rows)
       SELECT ecosystem, name, json_group_array(json_array(advisory, release, entry))
       FROM affected WHERE ecosystem = ? AND name = ? GROUP BY ecosystem, name`,
    );
    const dropPackage = this.db.prepare('DELETE FROM packages WHERE ecosystem = ? AND name = ?');
    const touched = new Map<string, [string, string]>();
    const touch = (ecosystem: string, name: string) =>
      touched.set(`${ecosystem}\0${name}`, [ecosystem, name]);
    let count = 0;
    this.db.transaction(() => {
      for (const advisory of advisories) {
        const { id } = advisory.summary;
        for (const [ecosystem, name] of previousPackages.all(id) as [string, string][])
          touch(ecosystem, name);
        deleteAffected.run(id);
        if (advisory.withdrawn) {
          deleteAdvisory.run(id);
          continue;
        }
        insertAdvisory.run(id, advisory.summary.modified, JSON.stringify(advisory.summary));
        advisory.packages.forEach((row, seq) => {
          insertAffected.run(row.ecosystem, row.name, id, seq, row.release, encodeAffected(row.affected));
          touch(row.ecosystem, row.name);
        });
        count++;
      }
      for (const [ecosystem, name] of touched.values()) {
        if (rebuild.run(ecosystem, name).changes === 0) dropPackage.run(ecosystem, name);
      }
    })();
    return count;
  }

  /** Records when and from where the database was last filled. */
  markUpdated(source: string, at = new Date()): void {
    const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    set.run('updated_at', at.toISOString());
    set.run('source', source);
  }

  /** Rows for one package of an ecosystem (any release). */
  affected(ecosystem: string, name: string): AffectedRow[] {
    return this.affectedMany(ecosystem, [name]).get(normalizeName(ecosystem, name)) ?? [];
  }

  /** Rows for many packages of one ecosystem in one query, by (normalized) name; names without rows are absent. */
  affectedMany(ecosystem: string, names: Iterable<string>): Map<string, AffectedRow[]> {
    const wanted = JSON.stringify([...new Set([...names].map((name) => normalizeName(ecosystem, name)))]);
    const rows = this.query(
      'lookup-many',
      'SELECT name, rows FROM packages WHERE ecosystem = ? AND name IN (SELECT value FROM json_each(?))',
      ecosystem,
      wanted,
    ) as { name: string; rows: string }[];
    const byName = new Map<string, AffectedRow[]>();
    for (const row of rows) {
      const triples = JSON.parse(row.rows) as [string, string, string][];
      const list: AffectedRow[] = new Array(triples.length);
      for (let i = 0; i < triples.length; i++) {
        const [advisory, release, entry] = triples[i] as [string, string, string];
        list[i] = { advisory, release, affected: decodeAffected(entry) };
      }
      byName.set(row.name, list);
    }
    return byName;
  }

  /** The stored summary of an advisory. */
  summary(id: string): OsvSummary | undefined {
    const row = this.query('summary', 'SELECT summary FROM advisories WHERE id = ?', id)[0] as
      | { summary: string }
      | undefined;
    return row ? (JSON.parse(row.summary) as OsvSummary) : undefined;
  }

  /** When it was last updated, where from, and how much it holds. */
  status(): AdvisoryDbStatus {
    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
        r.key,
        r.value,
      ]),
    );
    const { n } = this.db.prepare('SELECT count(*) AS n FROM advisories').get() as { n: number };
    const ecosystems: Record<string, number> = {};
    for (const row of this.db
      .prepare('SELECT ecosystem, count(*) AS n FROM affected GROUP BY ecosystem ORDER BY ecosystem')
      .all() as { ecosystem: string; n: number }[]) {
      ecosystems[row.ecosystem] = row.n;
    }
    const updated = meta.get('updated_at');
    const source = meta.get('source');
    return {
      path: this.path,
      ...(updated ? { updatedAt: new Date(updated) } : {}),
      ...(source ? { source } : {}),
      advisories: n,
      ecosystems,
    };
  }

  /** When the database was last updated (by `db update` or `db import`), if ever. */
  updatedAt(): Date | undefined {
    const row = this.query('updated', "SELECT value FROM meta WHERE key = 'updated_at'")[0] as
      | { value: string }
      | undefined;
    return row ? new Date(row.value) : undefined;
  }

  /** Throws StaleAdvisoryDbError when the last update is older than `maxAgeSeconds` (or never happened). */
  checkAge(maxAgeSeconds: number, now = new Date()): void {
    const updated = this.updatedAt();
    const age = updated ? (now.getTime() - updated.getTime()) / 1000 : Number.POSITIVE_INFINITY;
    if (age > maxAgeSeconds) throw new StaleAdvisoryDbError(this.path, age, maxAgeSeconds);
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  private query(key: string, sql: string, ...params: unknown[]): unknown[] {
    try {
      let statement = this.statements.get(key);
      if (!statement) {
        statement = this.db.prepare(sql);
        this.statements.set(key, statement);
      }
      return statement.all(...params);
    } catch (error) {
      throw new AdvisoryDbError(
        this.path,
        `cannot be read (${(error as Error).message}); delete it and run \`slipway db update\``,
        {
          cause: error,
        },
      );
    }
  }
}
