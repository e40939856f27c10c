import picomatch from 'picomatch';
import type { AdvisoryDb } from './db/advisory-db';
import { Collector } from './image/collector';
import { walkDirectory } from './image/walk-directory';
import { type ImageInput, type ImageMetadata, walkImage } from './image/walk-image';
import { type FindingFilter, filterFindings, filterSecrets } from './match/ignore';
import { matchInventory } from './match/match';
import type { Finding, Inventory, SecretFinding } from './types';

/** What a scan looked at. */
export interface ScanTarget {
  readonly kind: 'image' | 'filesystem';
  /** The image name or directory, as reports show it. */
  readonly name: string;
  readonly image?: ImageMetadata;
}

/** The outcome of a scan: the inventory, and what was found in it after filtering. */
export interface ScanReport {
  readonly target: ScanTarget;
  readonly createdAt: Date;
  readonly inventory: Inventory;
  readonly vulnerabilities: Finding[];
  readonly secrets: SecretFinding[];
  /** When the advisory database used was last updated. */
  readonly dbUpdatedAt?: Date;
}

/** Options of a scan, already validated (the CLI compiles flags into this). */
export interface ScanOptions {
  /** Match packages against advisories; needs `db`. */
  readonly vulnerabilities: boolean;
  readonly secrets: boolean;
  readonly db?: AdvisoryDb;
  readonly filter?: FindingFilter;
  /** Glob patterns of files and directories to pass over, relative to the root (`/usr/lib`, `**\/test`). */
  readonly skipFiles?: readonly string[];
  readonly skipDirs?: readonly string[];
}

function relative(pattern: string): string {
  return pattern.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

/** Compiles `--skip-files` / `--skip-dirs` globs into one test of a path and its parent directories. */
export function skipMatcher(
  skipFiles: readonly string[] = [],
  skipDirs: readonly string[] = [],
): ((path: string, isDirectory: boolean) => boolean) | undefined {
  if (skipFiles.length === 0 && skipDirs.length === 0) return undefined;
  const files = skipFiles.length > 0 ? picomatch(skipFiles.map(relative), { dot: true }) : () => false;
  const dirs = skipDirs.length > 0 ? picomatch(skipDirs.map(relative), { dot: true }) : () => false;
  return (path, isDirectory) => {
    if (isDirectory) return dirs(path);
    if (files(path)) return true;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (dirs(path.slice(0, slash))) return true;
    }
    return false;
  };
}

function collector(options: ScanOptions): Collector {
  const skip = skipMatcher(options.skipFiles, options.skipDirs);
  return new Collector({ packages: true, secrets: options.secrets, ...(skip ? { skip } : {}) });
}

function finish(target: ScanTarget, gathered: Collector, options: ScanOptions): ScanReport {
  const { inventory, secrets } = gathered.finish();
  const filter = options.filter ?? {};
  const vulnerabilities =
    options.vulnerabilities && options.db
      ? filterFindings(matchInventory(options.db, inventory), filter)
      : [];
  const updated = options.vulnerabilities ? options.db?.updatedAt() : undefined;
  return {
    target,
    createdAt: new Date(),
    inventory,
    vulnerabilities: sortFindings(vulnerabilities),
    secrets: filterSecrets(secrets, filter),
    ...(updated ? { dbUpdatedAt: updated } : {}),
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.package.path.localeCompare(b.package.path) ||
      a.package.name.localeCompare(b.package.name) ||
      a.id.localeCompare(b.id),
  );
}

/** Scans an image (docker-archive, OCI layout, registry): its layers read once, in order, whiteouts honoured. */
export async function scanImage(input: ImageInput, options: ScanOptions): Promise<ScanReport> {
  const gathered = collector(options);
  const image = await walkImage(input, gathered);
  return finish({ kind: 'image', name: image.name, image }, gathered, options);
}

/** Scans a directory tree (a checkout, an unpacked root filesystem). */
export async function scanDirectory(root: string, options: ScanOptions): Promise<ScanReport> {
  const gathered = collector(options);
  await walkDirectory(root, gathered);
  return finish({ kind: 'filesystem', name: root }, gathered, options);
}

/** Whether a report holds anything `--exit-code` should fail on. */
export function hasFindings(report: ScanReport): boolean {
  return report.vulnerabilities.length > 0 || report.secrets.length > 0;
}
