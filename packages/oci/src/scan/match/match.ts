import type { AdvisoryDb, AffectedRow } from '../db/advisory-db';
import { normalizeName, type OsvSummary } from '../db/osv';
import type { Ecosystem, Finding, Inventory, OsRelease, Package, Severity } from '../types';
import { cvss3BaseScore, severityOfScore, severityOfWord } from './cvss';
import { evaluateAffected } from './ranges';

/** How an OS package is looked up: the distro's ecosystem and release as OSV names them. */
export interface DistroTarget {
  readonly ecosystem: Ecosystem;
  /** `v3.19`, `12`, `22.04`, `9`; undefined when the release is unknown. */
  readonly release?: string;
}

/** The OSV ecosystem and release for the OS packages of an image, from its os-release. */
export function distroTarget(packageEcosystem: Ecosystem, os: OsRelease | undefined): DistroTarget {
  const version = os?.versionId ?? '';
  const parts = version.split('.');
  switch (packageEcosystem) {
    case 'Alpine':
      return parts.length >= 2
        ? { ecosystem: 'Alpine', release: `v${parts[0]}.${parts[1]}` }
        : { ecosystem: 'Alpine' };
    case 'Debian':
    case 'Ubuntu':
      if (os?.id === 'ubuntu') return { ecosystem: 'Ubuntu', ...(version ? { release: version } : {}) };
      return { ecosystem: 'Debian', ...(parts[0] ? { release: parts[0] } : {}) };
    case 'Red Hat':
    case 'AlmaLinux':
    case 'Rocky Linux': {
      const ecosystem: Ecosystem =
        os?.id === 'almalinux' ? 'AlmaLinux' : os?.id === 'rocky' ? 'Rocky Linux' : 'Red Hat';
      return { ecosystem, ...(parts[0] ? { release: parts[0] } : {}) };
    }
    default:
      return { ecosystem: packageEcosystem };
  }
}

/** Whether an advisory's release (`v3.19`, `22.04:LTS`, `enterprise_linux:9::appstream`) is the package's. */
function releaseMatches(target: DistroTarget, release: string): boolean {
  if (release === '') return true;
  if (target.release === undefined) return false;
  if (target.ecosystem === 'Ubuntu')
    return release === target.release || release.startsWith(`${target.release}:`);
  if (target.ecosystem === 'Red Hat') return release.split(':').includes(target.release);
  return release === target.release;
}

const OS_ECOSYSTEMS = new Set<Ecosystem>([
  'Alpine',
  'Debian',
  'Ubuntu',
  'Red Hat',
  'AlmaLinux',
  'Rocky Linux',
]);

/** The level and score of an advisory: a CVSS 3 vector first, then the vendor's words. */
export function advisorySeverity(
  summary: OsvSummary | undefined,
  packageSeverity?: string,
): { severity: Severity; score?: number } {
  for (const entry of summary?.severity ?? []) {
    const score = entry.type.startsWith('CVSS_V3') ? cvss3BaseScore(entry.score) : undefined;
    if (score !== undefined) return { severity: severityOfScore(score), score };
  }
  const words = [
    summary?.databaseSeverity,
    packageSeverity,
    ...(summary?.severity ?? []).map((s) => s.score),
  ];
  for (const word of words) {
    const level = word ? severityOfWord(word) : undefined;
    if (level) return { severity: level };
  }
  return { severity: 'UNKNOWN' };
}

/** How one package is looked up: its distro target, advisory name and version. */
interface Lookup {
  readonly pkg: Package;
  readonly target: DistroTarget;
  readonly name: string;
  readonly version: string;
}

function lookupOf(pkg: Package, os: OsRelease | undefined): Lookup {
  if (!OS_ECOSYSTEMS.has(pkg.ecosystem)) {
    return { pkg, target: { ecosystem: pkg.ecosystem }, name: pkg.name, version: pkg.version };
  }
  return {
    pkg,
    target: distroTarget(pkg.ecosystem, os),
    name: pkg.sourceName ?? pkg.name,
    version: pkg.sourceVersion ?? pkg.version,
  };
}

/** Finds the advisories affecting each package of `inventory` (one database query per ecosystem). */
export function matchInventory(db: AdvisoryDb, inventory: Inventory): Finding[] {
  const lookups = inventory.packages.map((pkg) => lookupOf(pkg, inventory.os));
  const byEcosystem = new Map<string, Map<string, AffectedRow[]>>();
  for (const ecosystem of new Set(lookups.map((lookup) => lookup.target.ecosystem))) {
    const names = lookups.filter((l) => l.target.ecosystem === ecosystem).map((l) => l.name);
    byEcosystem.set(ecosystem, db.affectedMany(ecosystem, names));
  }
  const findings: Finding[] = [];
  const summaries = new Map<string, OsvSummary | undefined>();
  for (const { pkg, target, name, version } of lookups) {
    const rows = byEcosystem.get(target.ecosystem)?.get(normalizeName(target.ecosystem, name)) ?? [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (!releaseMatches(target, row.release)) continue;
      const verdict = evaluateAffected(target.ecosystem, version, row.affected);
      if (!verdict.affected || seen.has(row.advisory)) continue;
      seen.add(row.advisory);
      if (!summaries.has(row.advisory)) summaries.set(row.advisory, db.summary(row.advisory));
      findings.push(toFinding(pkg, row, verdict.fixed, summaries.get(row.advisory)));
    }
  }
  return dedupeAliases(findings);
}

function toFinding(
  pkg: Package,
  row: AffectedRow,
  fixed: string | undefined,
  summary: OsvSummary | undefined,
): Finding {
  const { severity, score } = advisorySeverity(summary, row.affected.severity);
  return {
    id: row.advisory,
    aliases: summary?.aliases ?? [],
    package: pkg,
    ...(fixed !== undefined ? { fixedVersion: fixed } : {}),
    severity,
    ...(score !== undefined ? { score } : {}),
    ...(summary?.summary ? { summary: summary.summary } : {}),
    references: summary?.references ?? [],
  };
}

/** Among advisories that alias each other, the one with a known severity and the highest score is reported. */
function preference(a: Finding, b: Finding): number {
  const known = Number(b.severity !== 'UNKNOWN') - Number(a.severity !== 'UNKNOWN');
  return known || (b.score ?? -1) - (a.score ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One finding per vulnerability and package: advisories that alias each other (GHSA, PYSEC, CVE) are merged. */
function dedupeAliases(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  const names = new Map<string, Set<string>>();
  for (const finding of [...findings].sort(preference)) {
    const pkgKey = `${finding.package.ecosystem}\0${finding.package.name}\0${finding.package.version}\0${finding.package.path}`;
    const ids = [finding.id, ...finding.aliases];
    let known = names.get(pkgKey);
    if (!known) {
      known = new Set();
      names.set(pkgKey, known);
    }
    const duplicate = ids.some((id) => known.has(id));
    for (const id of ids) known.add(id);
    if (!duplicate) kept.push(finding);
  }
  return kept;
}
