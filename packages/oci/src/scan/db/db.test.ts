import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { advisory } from '../testing/advisories';
import { makeZip } from '../testing/zip';
import { AdvisoryDb } from './advisory-db';
import { importAdvisories } from './import';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-advisory-db-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('imports a directory of JSON files and zip dumps; re-imports replace, withdrawals remove', async () => {
  const source = join(dir, 'osv');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(source, 'nested'), { recursive: true }));
  await writeFile(
    join(source, 'a.json'),
    JSON.stringify(advisory('OSV-A', 'npm', 'left-pad', [{ introduced: '0' }, { fixed: '1.1.0' }])),
  );
  await writeFile(
    join(source, 'nested', 'all.zip'),
    makeZip({
      'OSV-B.json': JSON.stringify(advisory('OSV-B', 'PyPI', 'Django_Rest', [{ introduced: '0' }])),
      'broken.json': '{"id": ',
      'README.txt': 'not an advisory',
    }),
  );
  const db = AdvisoryDb.open(join(dir, 'a.db'), { create: true });
  try {
    const result = await importAdvisories(db, [source]);
    assert.equal(result.advisories, 2);
    assert.deepEqual(
      result.skipped.map((s) => s.source.replace(dir, '')),
      ['/osv/nested/all.zip!broken.json'],
    );
    assert.deepEqual(
      db.affected('PyPI', 'django-rest').map((r) => r.advisory),
      ['OSV-B'],
      'PyPI names normalized',
    );
    await writeFile(
      join(dir, 'update.json'),
      JSON.stringify([
        advisory('OSV-A', 'npm', 'left-pad', [{ introduced: '0' }, { fixed: '1.2.0' }], {
          modified: '2024-02-01T00:00:00Z',
        }),
        advisory('OSV-B', 'PyPI', 'django-rest', [{ introduced: '0' }], {
          withdrawn: '2024-02-01T00:00:00Z',
        }),
      ]),
    );
    await importAdvisories(db, [join(dir, 'update.json')]);
    const rows = db.affected('npm', 'left-pad');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]?.affected.ranges[0]?.events, [{ introduced: '0' }, { fixed: '1.2.0' }]);
    assert.deepEqual(db.affected('PyPI', 'django-rest'), []);
    assert.equal(db.status().advisories, 1);
  } finally {
    db.close();
  }
});

test('a named file that is not OSV JSON is an error; so is a database file that is not one', async () => {
  const db = AdvisoryDb.open(join(dir, 'b.db'), { create: true });
  try {
    await writeFile(join(dir, 'bad.json'), '{"summary": "no id"}');
    await assert.rejects(importAdvisories(db, [join(dir, 'bad.json')]), {
      code: 'SLIPWAY_OCI_SCAN_IMPORT',
      message: /no `id`/,
    });
  } finally {
    db.close();
  }
  await writeFile(join(dir, 'junk.db'), 'SQLite format 3\0 but truncated');
  assert.throws(() => AdvisoryDb.open(join(dir, 'junk.db')), {
    code: 'SLIPWAY_OCI_SCAN_DB',
    message: /not a readable Slipway advisory database/,
  });
  const foreign = join(dir, 'foreign.db');
  const Database = (await import('better-sqlite3')).default;
  const other = new Database(foreign);
  other.exec('CREATE TABLE t (x)');
  other.close();
  assert.throws(() => AdvisoryDb.open(foreign, { readonly: true }), { code: 'SLIPWAY_OCI_SCAN_DB' });
});

test('affected entries survive the compact encoding', async () => {
  const { decodeAffected, encodeAffected } = await import('./entry-codec');
  const entries = [
    { ranges: [], versions: [] },
    { ranges: [], versions: ['1.0', '1.0+local'] },
    {
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:2.3~rc1-4' }] },
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0-0' }, { last_affected: '1.9.9' }, { limit: '2.0.0' }],
        },
      ],
      versions: ['0.9'],
      severity: 'HIGH',
    },
  ];
  for (const entry of entries) assert.deepEqual(decodeAffected(encodeAffected(entry)), entry);
});
