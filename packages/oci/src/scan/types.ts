/** OSV ecosystem names (the part before any `:release`) Slipway inventories. */
export type Ecosystem =
  | 'Alpine'
  | 'Debian'
  | 'Ubuntu'
  | 'Red Hat'
  | 'AlmaLinux'
  | 'Rocky Linux'
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'crates.io'
  | 'RubyGems'
  | 'Packagist'
  | 'Maven';

/** The operating system of an image or tree, from `etc/os-release`. */
export interface OsRelease {
  /** `ID` (alpine, debian, ubuntu, rhel, …). */
  readonly id: string;
  /** `VERSION_ID` (3.19.1, 12, 22.04). */
  readonly versionId: string;
  readonly prettyName?: string;
  /** `VERSION_CODENAME` when given. */
  readonly codename?: string;
}

/** One installed or locked package. */
export interface Package {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  /** The name advisories use for OS packages: dpkg `Source:`, apk origin, rpm source name. */
  readonly sourceName?: string;
  /** The source package's version when it differs (dpkg `Source: name (version)`). */
  readonly sourceVersion?: string;
  /** Where it was found: the file, relative to the root of the image or tree. */
  readonly path: string;
  /** SPDX licence expression or names, when the metadata says. */
  readonly licenses?: readonly string[];
}

/** A file a cataloguer could not read; reported, never silently dropped. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

/** What a tree or an image holds: its OS, its packages, and what could not be read. */
export interface Inventory {
  readonly os?: OsRelease;
  readonly packages: Package[];
  readonly skipped: SkippedFile[];
}

/** Severity levels, lowest first, as Trivy names them. */
export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** A severity level. */
export type Severity = (typeof SEVERITIES)[number];

/** A package affected by an advisory. */
export interface Finding {
  /** The advisory id (`CVE-…`, `GHSA-…`, `DSA-…`). */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly package: Package;
  /** The first version that fixes it on the package's branch, if any. */
  readonly fixedVersion?: string;
  readonly severity: Severity;
  /** CVSS base score when a vector was given. */
  readonly score?: number;
  readonly summary?: string;
  /** Advisory links. */
  readonly references: readonly string[];
}

/** A secret found in a file, already masked. */
export interface SecretFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly path: string;
  readonly line: number;
  /** The line with the secret masked (`****`). */
  readonly match: string;
}
