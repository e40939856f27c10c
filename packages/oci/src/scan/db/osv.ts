/** One event of an OSV range. */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

/** An OSV `affected[].ranges[]` entry. */
export interface OsvRange {
  readonly type: string;
  readonly events: readonly OsvEvent[];
}

/** The part of an `affected[]` entry matching needs. */
export interface OsvAffected {
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
  /** Severity an ecosystem gives this package (`ecosystem_specific.severity`, `database_specific.severity`). */
  readonly severity?: string;
}

/** The part of an OSV advisory reports need. */
export interface OsvSummary {
  readonly id: string;
  readonly modified: string;
  readonly summary?: string;
  readonly aliases: readonly string[];
  /** `severity[]`: `{type: CVSS_V3|CVSS_V4|Ubuntu, score}`. */
  readonly severity: readonly { readonly type: string; readonly score: string }[];
  /** `database_specific.severity` (GitHub's LOW/MODERATE/HIGH/CRITICAL). */
  readonly databaseSeverity?: string;
  readonly references: readonly string[];
}

/** One package an advisory affects, as stored: `ecosystem` without its `:release` suffix. */
export interface OsvPackageRow {
  readonly ecosystem: string;
  readonly release: string;
  readonly name: string;
  readonly affected: OsvAffected;
}

/** An advisory split into what Slipway stores. */
export interface ParsedAdvisory {
  readonly summary: OsvSummary;
  readonly packages: OsvPackageRow[];
  readonly withdrawn: boolean;
}

const obj = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** PyPI names compare case-insensitively with `-`, `_` and `.` alike (PEP 503); other ecosystems exactly. */
export function normalizeName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** Splits `Debian:12`, `Alpine:v3.19`, `Ubuntu:22.04:LTS` into the ecosystem and its release. */
export function splitEcosystem(full: string): { ecosystem: string; release: string } {
  const colon = full.indexOf(':');
  return colon < 0
    ? { ecosystem: full, release: '' }
    : { ecosystem: full.slice(0, colon), release: full.slice(colon + 1) };
}

/** Validates one OSV advisory (JSON already parsed) into what is stored; a message when it is not OSV. */
export function parseOsv(json: unknown): ParsedAdvisory | string {
  const advisory = obj(json);
  const id = str(advisory?.id);
  if (!advisory || !id) return 'is not an OSV advisory (no `id`)';
  const modified = str(advisory.modified) ?? '';
  const affected = advisory.affected === undefined ? [] : advisory.affected;
  if (!Array.isArray(affected)) return `advisory ${id}: \`affected\` is not a list`;
  const packages: OsvPackageRow[] = [];
  for (const item of affected) {
    const entry = obj(item);
    const pkg = obj(entry?.package);
    const ecosystem = str(pkg?.ecosystem);
    const name = str(pkg?.name);
    if (!entry || !ecosystem || !name) continue;
    const ranges: OsvRange[] = [];
    for (const rangeItem of Array.isArray(entry.ranges) ? entry.ranges : []) {
      const range = obj(rangeItem);
      const type = str(range?.type);
      if (!range || !type || type === 'GIT' || !Array.isArray(range.events)) continue;
      const events = range.events
        .map(obj)
        .filter((event): event is Record<string, unknown> => event !== undefined)
        .map((event) => {
          const out: Record<string, string> = {};
          for (const key of ['introduced', 'fixed', 'last_affected', 'limit']) {
            const value = str(event[key]);
            if (value !== undefined) out[key] = value;
          }
          return out as OsvEvent;
        });
      ranges.push({ type, events });
    }
    const severity =
      str(obj(entry.ecosystem_specific)?.severity) ?? str(obj(entry.database_specific)?.severity);
    const { ecosystem: base, release } = splitEcosystem(ecosystem);
    packages.push({
      ecosystem: base,
      release,
      name: normalizeName(base, name),
      affected: { ranges, versions: strings(entry.versions), ...(severity ? { severity } : {}) },
    });
  }
  const severity = (Array.isArray(advisory.severity) ? advisory.severity : [])
    .map(obj)
    .flatMap((s) =>
      s && str(s.type) && str(s.score) ? [{ type: s.type as string, score: s.score as string }] : [],
    );
  const summary = str(advisory.summary) ?? str(advisory.details)?.split('\n')[0]?.slice(0, 200);
  const databaseSeverity = str(obj(advisory.database_specific)?.severity);
  const references = (Array.isArray(advisory.references) ? advisory.references : [])
    .flatMap((r) => strings([obj(r)?.url]))
    .slice(0, 8);
  return {
    summary: {
      id,
      modified,
      ...(summary ? { summary } : {}),
      aliases: [...strings(advisory.aliases), ...strings(advisory.upstream)].filter((alias) => alias !== id),
      severity,
      ...(databaseSeverity ? { databaseSeverity } : {}),
      references,
    },
    packages,
    withdrawn: str(advisory.withdrawn) !== undefined,
  };
}
