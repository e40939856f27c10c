import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeDockerArchive } from '../formats/docker-archive/write-docker-archive';
import { openOciLayout } from '../formats/oci-layout/open-oci-layout';
import { writeOciLayout } from '../formats/oci-layout/write-oci-layout';
import { AdvisoryDb } from './db/advisory-db';
import { importAdvisories } from './db/import';
import { updateAdvisoryDb } from './db/update';
import { filterFindings, parseIgnoreFile } from './match/ignore';
import { type ScanReport, scanImage } from './scan';
import {
  ALPINE_APP_FINDINGS,
  alpineAppAdvisories,
  DEBIAN_FINDINGS,
  debianAdvisories,
} from './testing/advisories';
import { alpineAppImage, debianImage, FAKE_SECRETS } from './testing/images';
import { makeZip } from './testing/zip';
import type { Finding } from './types';

const describeFinding = (f: Finding) =>
  `${f.id} ${f.package.name} ${f.package.version} ${f.fixedVersion ?? '-'}`;
const sorted = (lines: readonly string[]) => [...lines].sort();

describe('scanning an Alpine image tar against imported advisories', () => {
  let dir: string;
  let db: AdvisoryDb;
  let report: ScanReport;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-scan-'));
    const advisories = join(dir, 'advisories.json');
    await writeFile(advisories, JSON.stringify(alpineAppAdvisories()));
    db = AdvisoryDb.open(join(dir, 'db', 'advisories.db'), { create: true });
    const imported = await importAdvisories(db, [advisories]);
    assert.equal(imported.skipped.length, 0);
    const tar = join(dir, 'image.tar');
    await writeDockerArchive(tar, await alpineAppImage(), { tags: ['app:1'] });
    report = await scanImage(
      { kind: 'docker-archive', path: tar },
      { vulnerabilities: true, secrets: true, db },
    );
  });
  after(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('finds the OS release from etc/os-release', () => {
    assert.deepEqual(report.inventory.os, {
      id: 'alpine',
      versionId: '3.19.1',
      prettyName: 'Alpine Linux v3.19',
    });
    assert.equal(report.target.name, 'app:1');
  });

  test('inventories every layer with whiteouts and opaque directories honoured', () => {
    const names = report.inventory.packages.map((p) => `${p.ecosystem}/${p.name}@${p.version}`).sort();
    assert.deepEqual(
      names,
      [
        'Alpine/busybox@1.36.1-r15',
        'Alpine/libcrypto3@3.1.4-r5',
        'Alpine/libssl3@3.1.4-r5',
        'Alpine/musl@1.2.4_git20230717-r4',
        'Go/golang.org/x/net@v0.10.0',
        'Go/github.com/foo/bar@v1.3.0',
        'Go/stdlib@1.21.3',
        'PyPI/flask@2.3.0',
        'PyPI/requests@2.25.0',
        'npm/@scope/pkg@1.0.0',
        'npm/lodash@4.17.20',
        'npm/minimist@1.2.8',
      ].sort(),
    );
  });

  test('every expected vulnerability is found, none extra', () => {
    assert.deepEqual(sorted(report.vulnerabilities.map(describeFinding)), sorted(ALPINE_APP_FINDINGS));
  });

  test('severity comes from CVSS vectors, then the database word', () => {
    const byId = new Map(report.vulnerabilities.map((f) => [f.id, f]));
    assert.equal(byId.get('GHSA-flask')?.severity, 'CRITICAL');
    assert.equal(byId.get('GHSA-flask')?.score, 9.8);
    assert.equal(byId.get('ALPINE-CVE-2023-0002')?.severity, 'HIGH');
    assert.equal(byId.get('GHSA-35jh-r3h4-6jhm')?.score, 7.2);
    assert.deepEqual(byId.get('GHSA-35jh-r3h4-6jhm')?.aliases, ['CVE-2021-23337']);
    assert.equal(byId.get('GHSA-scope-pkg')?.severity, 'MEDIUM');
    assert.equal(byId.get('PYSEC-2023-74')?.severity, 'LOW');
    assert.equal(byId.get('GO-2023-2102')?.severity, 'UNKNOWN');
  });

  test('a malformed lockfile is reported as skipped, not silently dropped', () => {
    assert.equal(report.inventory.skipped.length, 1);
    assert.equal(report.inventory.skipped[0]?.path, 'app/broken/Cargo.lock');
    assert.match(report.inventory.skipped[0]?.reason ?? '', /line 3/);
  });

  test('secrets are found with file and line, masked', () => {
    assert.deepEqual(
      report.secrets.map((s) => `${s.ruleId} ${s.path}:${s.line}`),
      ['aws-access-key-id app/.env:2', 'github-token app/.env:3'],
    );
    for (const secret of report.secrets) {
      assert.ok(
        !secret.match.includes(FAKE_SECRETS.awsKeyId) && !secret.match.includes(FAKE_SECRETS.githubToken),
      );
      assert.match(secret.match, /\*{16}/);
    }
  });

  test('--severity, --ignore-unfixed and ignore files filter findings', () => {
    const high = filterFindings(report.vulnerabilities, { severities: ['HIGH', 'CRITICAL'] });
    assert.deepEqual(high.map((f) => f.id).sort(), [
      'ALPINE-CVE-2023-0002',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-flask',
    ]);
    const fixed = filterFindings(report.vulnerabilities, { ignoreUnfixed: true });
    assert.ok(!fixed.some((f) => f.id === 'GHSA-scope-pkg'));
    assert.equal(fixed.length, ALPINE_APP_FINDINGS.length - 1);
    const rules = parseIgnoreFile(
      '.trivyignore',
      '# accepted\nCVE-2021-23337\nGO-2023-2102 exp:2000-01-01\nGO-2023-2185 exp:2999-12-31\n',
    );
    const kept = filterFindings(report.vulnerabilities, { ignore: rules }).map((f) => f.id);
    assert.ok(!kept.includes('GHSA-35jh-r3h4-6jhm'), 'ignored through its alias');
    assert.ok(kept.includes('GO-2023-2102'), 'an expired rule ignores nothing');
    assert.ok(!kept.includes('GO-2023-2185'));
  });
});

describe('scanning a Debian image from an OCI layout against a downloaded database', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const requests: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-scan-'));
    const advisories = debianAdvisories();
    const zips: Record<string, Buffer> = {
      '/Debian/all.zip': makeZip(
        Object.fromEntries(advisories.map((a) => [`${a.id}.json`, JSON.stringify(a)])),
      ),
      '/npm/all.zip': makeZip({ 'GHSA-x.json': JSON.stringify(alpineAppAdvisories()[5]) }),
    };
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const body = zips[request.url ?? ''];
      response.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('db update downloads each ecosystem dump; the scan finds source-package advisories', async () => {
    const db = AdvisoryDb.open(join(dir, 'advisories.db'), { create: true });
    try {
      const result = await updateAdvisoryDb(db, { baseUrl: base, ecosystems: ['Debian', 'npm'] });
      assert.deepEqual(requests, ['/Debian/all.zip', '/npm/all.zip']);
      assert.equal(result.advisories, debianAdvisories().length + 1);
      const status = db.status();
      assert.deepEqual(status.ecosystems, { Debian: debianAdvisories().length, npm: 1 });
      assert.ok(status.updatedAt && Date.now() - status.updatedAt.getTime() < 60_000);
      db.checkAge(3600);
      const layout = join(dir, 'layout');
      await writeOciLayout(layout, await debianImage(), { tag: 'bookworm' });
      const source = await openOciLayout(layout);
      const report = await scanImage(
        { kind: 'source', source },
        { vulnerabilities: true, secrets: false, db },
      );
      assert.deepEqual(report.inventory.os?.id, 'debian');
      assert.deepEqual(report.inventory.packages.map((p) => p.name).sort(), [
        'libc6',
        'libfoo1',
        'libssl3',
        'openssl',
        'zlib1g',
      ]);
      assert.deepEqual(sorted(report.vulnerabilities.map(describeFinding)), sorted(DEBIAN_FINDINGS));
    } finally {
      db.close();
    }
  });

  test('a failed download is an error naming the URL, and does not mark the database updated', async () => {
    const db = AdvisoryDb.open(join(dir, 'failed.db'), { create: true });
    try {
      await assert.rejects(updateAdvisoryDb(db, { baseUrl: base, ecosystems: ['Alpine'] }), {
        code: 'SLIPWAY_OCI_SCAN_DOWNLOAD',
        message: /Alpine\/all\.zip: HTTP 404/,
      });
      assert.equal(db.status().updatedAt, undefined);
      assert.throws(() => db.checkAge(3600), { code: 'SLIPWAY_OCI_SCAN_DB_STALE' });
    } finally {
      db.close();
    }
  });
});

describe('scanning a directory tree', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-fs-scan-'));
    const files: Record<string, string> = {
      'go.mod': 'module example.com/svc\n\ngo 1.21\n\nrequire golang.org/x/net v0.10.0\n',
      'web/node_modules/lodash/package.json': '{"name":"lodash","version":"4.17.20","license":"MIT"}',
      'web/node_modules/.package-lock.json': '{"lockfileVersion":3,"packages":{}}',
      'vendor/legacy/requirements.txt': 'requests==2.25.0\n',
      'fixtures/test.env': `TOKEN=${FAKE_SECRETS.githubToken}\n`,
      'deploy/prod.env': `AWS_ACCESS_KEY_ID=${FAKE_SECRETS.awsKeyId}\n`,
      '.git/config': `[remote]\n token = ${FAKE_SECRETS.githubToken}\n`,
    };
    for (const [path, content] of Object.entries(files)) {
      await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, path, '..'), { recursive: true }));
      await writeFile(join(dir, path), content);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('lockfiles and installed packages are found; .git, --skip-dirs and --skip-files are passed over', async () => {
    const db = AdvisoryDb.open(join(dir, '..', `${dir.split('/').pop()}.db`), { create: true });
    try {
      await writeFile(`${dir}.json`, JSON.stringify(alpineAppAdvisories()));
      await importAdvisories(db, [`${dir}.json`]);
      const { scanDirectory } = await import('./scan');
      const all = await scanDirectory(dir, { vulnerabilities: true, secrets: true, db });
      assert.deepEqual(
        all.inventory.packages.map((p) => `${p.path} ${p.name}`),
        [
          'go.mod golang.org/x/net',
          'vendor/legacy/requirements.txt requests',
          'web/node_modules/lodash/package.json lodash',
        ],
      );
      assert.deepEqual(
        all.secrets.map((s) => s.path),
        ['deploy/prod.env', 'fixtures/test.env'],
      );
      assert.deepEqual(all.vulnerabilities.map((f) => f.id).sort(), [
        'GHSA-35jh-r3h4-6jhm',
        'GO-2023-2102',
        'PYSEC-2023-74',
      ]);
      const skipped = await scanDirectory(dir, {
        vulnerabilities: true,
        secrets: true,
        db,
        skipDirs: ['vendor/**', './fixtures'],
        skipFiles: ['**/package.json'],
      });
      assert.deepEqual(
        skipped.inventory.packages.map((p) => p.name),
        ['golang.org/x/net'],
      );
      assert.deepEqual(
        skipped.secrets.map((s) => s.path),
        ['deploy/prod.env'],
      );
    } finally {
      db.close();
      await rm(`${dir}.json`, { force: true });
      await rm(join(dir, '..', `${dir.split('/').pop()}.db`), { force: true });
    }
  });
});
