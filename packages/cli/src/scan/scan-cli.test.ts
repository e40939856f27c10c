import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeDockerArchive } from '@slipway/oci';
import { ALPINE_APP_FINDINGS, alpineAppAdvisories } from '../../../oci/src/scan/testing/advisories';
import { alpineAppImage, FAKE_SECRETS } from '../../../oci/src/scan/testing/images';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../../oci/src/testing/registry/test-registry';

const main = join(import.meta.dirname, '..', 'main.ts');
// Resolved here, so the CLI can run from any working directory.
const tsx = import.meta.resolve('tsx');

describe('slipway image scan, fs scan, sbom and db', () => {
  let dir: string;
  let home: string;
  let tar: string;
  const slipway = (args: string[], cwd?: string) =>
    spawnSync(process.execPath, ['--import', tsx, main, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SLIPWAY_HOME: home },
      ...(cwd ? { cwd } : {}),
    });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-scan-cli-'));
    home = join(dir, 'home');
    tar = join(dir, 'app.tar');
    await writeDockerArchive(tar, await alpineAppImage(), { tags: ['app:1'] });
    await writeFile(join(dir, 'advisories.json'), JSON.stringify(alpineAppAdvisories()));
    const imported = slipway(['db', 'import', join(dir, 'advisories.json')]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^15 advisories from 1 files/);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('db status shows the age and counts', () => {
    const run = slipway(['db', 'status', '-o', 'json', '--max-age', '1h']);
    assert.equal(run.status, 0, run.stderr);
    const status = JSON.parse(run.stdout);
    assert.equal(status.advisories, 15);
    assert.deepEqual(status.ecosystems, { Alpine: 4, Go: 3, PyPI: 3, npm: 5 });
    assert.match(status.source, /^import:/);
  });

  test('image scan --input writes SARIF and exits with --exit-code when something is found', async () => {
    const sarif = join(dir, 'report.sarif');
    const run = slipway([
      'image',
      'scan',
      '--input',
      tar,
      '--format',
      'sarif',
      '--output',
      sarif,
      '--exit-code',
      '3',
    ]);
    assert.equal(run.status, 3, run.stderr);
    const report = JSON.parse(await readFile(sarif, 'utf8'));
    assert.equal(report.version, '2.1.0');
    const results = report.runs[0].results as { ruleId: string; level: string; locations: unknown[] }[];
    const rules = report.runs[0].tool.driver.rules as { id: string; properties: Record<string, string> }[];
    const vulnerabilityIds = ALPINE_APP_FINDINGS.map((line) => line.split(' ')[0]);
    assert.deepEqual(
      results.map((r) => r.ruleId).sort(),
      [...vulnerabilityIds, 'aws-access-key-id', 'github-token'].sort(),
    );
    assert.equal(rules.find((r) => r.id === 'GHSA-flask')?.properties['security-severity'], '9.8');
    assert.ok(!JSON.stringify(report).includes(FAKE_SECRETS.awsKeyId), 'secrets are masked in reports');
    assert.match(run.stderr, /skipped app\/broken\/Cargo\.lock/);
  });

  test('the trivy command line runs the same scan; .trivyignore in the working directory applies', async () => {
    const work = join(dir, 'work');
    await mkdir(work, { recursive: true });
    await writeFile(join(work, '.trivyignore'), '# accepted risk\nCVE-2021-23337\n');
    const run = slipway(
      [
        'trivy',
        'image',
        '--input',
        tar,
        '--severity',
        'HIGH,CRITICAL',
        '--scanners',
        'vuln',
        '--format',
        'json',
        '--exit-code',
        '1',
      ],
      work,
    );
    assert.equal(run.status, 1, run.stderr);
    const ids = JSON.parse(run.stdout)
      .vulnerabilities.map((v: { id: string }) => v.id)
      .sort();
    assert.deepEqual(ids, ['ALPINE-CVE-2023-0002', 'GHSA-flask']);
    const unknown = slipway(['trivy', 'image', '--input', tar, '--light']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown flag `--light`/);
  });

  test('fs scan reads lockfiles of a tree; sbom writes CycloneDX and SPDX', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'web'), { recursive: true });
    await writeFile(join(tree, 'web', 'yarn.lock'), 'lodash@^4.17.0:\n  version "4.17.20"\n');
    await writeFile(join(tree, 'requirements.txt'), 'requests==2.31.0\n');
    const run = slipway(['fs', 'scan', tree, '--format', 'json', '--exit-code', '4']);
    assert.equal(run.status, 4, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.vulnerabilities.map((v: { id: string; path: string }) => `${v.id} ${v.path}`),
      ['GHSA-35jh-r3h4-6jhm web/yarn.lock'],
    );
    const cyclonedx = JSON.parse(slipway(['sbom', '--input', tar]).stdout);
    assert.equal(cyclonedx.bomFormat, 'CycloneDX');
    assert.equal(cyclonedx.specVersion, '1.5');
    const purls = cyclonedx.components.map((c: { purl?: string }) => c.purl).filter(Boolean);
    assert.ok(purls.includes('pkg:apk/alpine/busybox@1.36.1-r15?distro=alpine-3.19.1'));
    assert.ok(purls.includes('pkg:npm/%40scope/pkg@1.0.0'));
    assert.ok(purls.includes('pkg:golang/golang.org/x/net@v0.10.0'));
    assert.equal(cyclonedx.components.length, 13, 'the OS and 12 packages');
    const spdx = JSON.parse(slipway(['sbom', '--dir', tree, '--format', 'spdx-json']).stdout);
    assert.equal(spdx.spdxVersion, 'SPDX-2.3');
    assert.deepEqual(
      spdx.packages.map((p: { name: string }) => p.name).sort(),
      [tree, 'lodash', 'requests'].sort(),
    );
    assert.equal(
      spdx.relationships.filter((r: { relationshipType: string }) => r.relationshipType === 'CONTAINS')
        .length,
      2,
    );
  });

  test('a truncated image tar and a corrupt database are clear errors, never "no vulnerabilities"', async () => {
    const cut = join(dir, 'cut.tar');
    await writeFile(cut, (await readFile(tar)).subarray(0, Math.floor((await stat(tar)).size / 2)));
    const truncated = slipway(['image', 'scan', '--input', cut]);
    assert.equal(truncated.status, 1, truncated.stdout);
    assert.match(truncated.stderr, /cut\.tar/);
    assert.equal(truncated.stdout, '');
    const corrupt = join(dir, 'corrupt.db');
    await writeFile(corrupt, Buffer.alloc(8192, 0x5a));
    const run = slipway(['image', 'scan', '--input', tar, '--db', corrupt]);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /corrupt\.db: is not a readable Slipway advisory database.*slipway db update.*SLIPWAY_OCI_SCAN_DB/,
    );
    const missing = slipway(['image', 'scan', '--input', tar, '--db', join(dir, 'none.db')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /does not exist; run `slipway db update`/);
    const stale = slipway(['image', 'scan', '--input', tar, '--max-age', '0s']);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /SLIPWAY_OCI_SCAN_DB_STALE/);
  });

  test('a corrupt advisory dump is an import error', async () => {
    const zip = join(dir, 'all.zip');
    await writeFile(zip, 'PK\x03\x04 not really a zip');
    await truncate(zip, 30);
    const run = slipway(['db', 'import', zip, '--db', join(dir, 'other.db')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /all\.zip: is not a readable zip archive.*SLIPWAY_OCI_SCAN_IMPORT/);
  });
});

describe('slipway image scan REF from a registry', { skip: dockerRegistrySkip() }, () => {
  let registry: TestRegistry;
  let dir: string;
  before(async () => {
    registry = await startTestRegistry('plain');
    dir = await mkdtemp(join(tmpdir(), 'slipway-scan-reg-'));
  });
  after(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('pulls layers through the registry client and finds the same vulnerabilities', async () => {
    const env = { ...process.env, SLIPWAY_HOME: join(dir, 'home') };
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', tsx, main, ...args], { encoding: 'utf8', env });
    const tar = join(dir, 'app.tar');
    await writeDockerArchive(tar, await alpineAppImage(), { tags: ['app:1'] });
    await writeFile(join(dir, 'advisories.json'), JSON.stringify(alpineAppAdvisories()));
    assert.equal(run(['db', 'import', join(dir, 'advisories.json')]).status, 0);
    const ref = `${registry.host}/team/app:1`;
    const pushed = run(['image', 'push', tar, ref]);
    assert.equal(pushed.status, 0, pushed.stderr);
    const scanned = run(['image', 'scan', ref, '--format', 'json', '--scanners', 'vuln']);
    assert.equal(scanned.status, 0, scanned.stderr);
    const report = JSON.parse(scanned.stdout);
    assert.equal(report.target.name, ref);
    const lines = report.vulnerabilities.map(
      (v: { id: string; package: string; installedVersion: string; fixedVersion?: string }) =>
        `${v.id} ${v.package} ${v.installedVersion} ${v.fixedVersion ?? '-'}`,
    );
    assert.deepEqual(lines.sort(), [...ALPINE_APP_FINDINGS].sort());
  });
});
