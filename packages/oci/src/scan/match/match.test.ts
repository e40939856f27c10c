import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AdvisoryDb } from '../db/advisory-db';
import type { OsvAffected } from '../db/osv';
import { type ParsedAdvisory, parseOsv } from '../db/osv';
import { advisory } from '../testing/advisories';
import { cvss3BaseScore, severityOfScore } from './cvss';
import { parseIgnoreFile } from './ignore';
import { distroTarget, matchInventory } from './match';
import { evaluateAffected } from './ranges';

const entry = (
  events: Record<string, string>[],
  type = 'ECOSYSTEM',
  versions: string[] = [],
): OsvAffected => ({
  ranges: [{ type, events }],
  versions,
});

describe('OSV ranges', () => {
  test('introduced/fixed pairs, several of them, with the fix of the branch reported', () => {
    const branches = entry([
      { introduced: '0' },
      { fixed: '1.2.0' },
      { introduced: '2.0.0' },
      { fixed: '2.3.1' },
    ]);
    assert.deepEqual(evaluateAffected('npm', '1.1.9', branches), { affected: true, fixed: '1.2.0' });
    assert.deepEqual(evaluateAffected('npm', '1.2.0', branches), { affected: false });
    assert.deepEqual(evaluateAffected('npm', '1.9.0', branches), { affected: false });
    assert.deepEqual(evaluateAffected('npm', '2.2.0', branches), { affected: true, fixed: '2.3.1' });
    assert.deepEqual(evaluateAffected('npm', '3.0.0', branches), { affected: false });
  });

  test('events out of order are sorted by the ecosystem ordering', () => {
    const unordered = entry([{ fixed: '1:1.0-2' }, { introduced: '0' }]);
    assert.deepEqual(evaluateAffected('Debian', '1:1.0-1', unordered), { affected: true, fixed: '1:1.0-2' });
    assert.deepEqual(
      evaluateAffected('Debian', '2.0-1', unordered),
      { affected: true, fixed: '1:1.0-2' },
      'no epoch is older',
    );
    assert.deepEqual(evaluateAffected('Debian', '1:1.0-2', unordered), { affected: false });
  });

  test('last_affected includes its version; limit bounds the range', () => {
    const last = entry([{ introduced: '1.0' }, { last_affected: '1.4' }]);
    assert.equal(evaluateAffected('PyPI', '1.4', last).affected, true);
    assert.equal(evaluateAffected('PyPI', '1.4.post1', last).affected, false);
    assert.equal(evaluateAffected('PyPI', '1.0rc1', last).affected, false);
    assert.equal(evaluateAffected('PyPI', '1.4', last).fixed, undefined);
    const limited = entry([{ introduced: '0' }, { limit: '2.0.0' }]);
    assert.equal(evaluateAffected('Go', 'v1.9.0', limited).affected, true);
    assert.equal(evaluateAffected('Go', 'v2.0.0', limited).affected, false);
  });

  test('the versions list, and GIT ranges ignored', () => {
    const listed = { ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }], versions: ['1.0.0', '1.0.1'] };
    assert.equal(evaluateAffected('npm', '1.0.1', listed).affected, true);
    assert.equal(evaluateAffected('npm', '1.0.2', listed).affected, false);
  });

  test('apk ranges with suffixes and revisions', () => {
    const apk = entry([{ introduced: '0' }, { fixed: '1.36.1-r16' }]);
    assert.equal(evaluateAffected('Alpine', '1.36.1-r15', apk).affected, true);
    assert.equal(evaluateAffected('Alpine', '1.36.1_rc1-r20', apk).affected, true);
    assert.equal(evaluateAffected('Alpine', '1.36.1_p1-r0', apk).affected, false);
  });
});

describe('CVSS 3 base scores', () => {
  test('known vectors score as the CVSS 3.1 calculator does', () => {
    const cases: [string, number][] = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
      ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
      ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
      ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ];
    for (const [vector, score] of cases) assert.equal(cvss3BaseScore(vector), score, vector);
    assert.equal(cvss3BaseScore('CVSS:2.0/AV:N'), undefined);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), undefined);
    assert.deepEqual([9.8, 7, 6.9, 0.1, 0].map(severityOfScore), [
      'CRITICAL',
      'HIGH',
      'MEDIUM',
      'LOW',
      'UNKNOWN',
    ]);
  });
});

describe('distro releases and ignore files', () => {
  test('os-release versions become OSV releases', () => {
    assert.deepEqual(distroTarget('Alpine', { id: 'alpine', versionId: '3.19.1' }), {
      ecosystem: 'Alpine',
      release: 'v3.19',
    });
    assert.deepEqual(distroTarget('Debian', { id: 'debian', versionId: '12' }), {
      ecosystem: 'Debian',
      release: '12',
    });
    assert.deepEqual(distroTarget('Debian', { id: 'ubuntu', versionId: '22.04' }), {
      ecosystem: 'Ubuntu',
      release: '22.04',
    });
    assert.deepEqual(distroTarget('Red Hat', { id: 'rocky', versionId: '9.3' }), {
      ecosystem: 'Rocky Linux',
      release: '9',
    });
  });

  test('a bad expiry in an ignore file names the file and line', () => {
    assert.throws(() => parseIgnoreFile('.trivyignore', 'CVE-1\nCVE-2 exp:tomorrow\n'), {
      code: 'SLIPWAY_SCAN_IGNORE_FILE',
      message: /\.trivyignore:2: `exp:tomorrow`/,
    });
  });
});

describe('matching OS packages by source package and release', () => {
  test('Ubuntu releases match with their suffixes; other releases and binary names do not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slipway-match-'));
    const db = AdvisoryDb.open(join(dir, 'a.db'), { create: true });
    try {
      const events: Record<string, string>[] = [{ introduced: '0' }, { fixed: '1.2-1ubuntu0.2' }];
      db.store(
        [
          advisory('UBUNTU-CVE-1', 'Ubuntu:22.04:LTS', 'curl', events, {
            severity: [{ type: 'Ubuntu', score: 'medium' }],
          }),
          advisory('UBUNTU-CVE-2', 'Ubuntu:20.04:LTS', 'curl', events),
          advisory('UBUNTU-CVE-3', 'Ubuntu:22.04:LTS', 'libcurl4', events),
        ].map((a) => parseOsv(a) as ParsedAdvisory),
      );
      const findings = matchInventory(db, {
        os: { id: 'ubuntu', versionId: '22.04' },
        packages: [
          {
            ecosystem: 'Debian',
            name: 'libcurl4',
            version: '1.2-1ubuntu0.1',
            sourceName: 'curl',
            path: 'var/lib/dpkg/status',
          },
        ],
        skipped: [],
      });
      assert.deepEqual(
        findings.map((f) => `${f.id} ${f.severity} ${f.fixedVersion}`),
        ['UBUNTU-CVE-1 MEDIUM 1.2-1ubuntu0.2'],
      );
    } finally {
      db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
