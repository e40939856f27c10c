import { REPORT_FORMATS, type ReportFormat, SEVERITIES, type Severity } from '@slipway/oci';
import { UsageError } from '../usage-error';

/** What to scan. */
export type ScanTargetSpec =
  | { readonly kind: 'image-archive'; readonly path: string }
  | { readonly kind: 'image-layout'; readonly path: string }
  | { readonly kind: 'image-reference'; readonly reference: string }
  | { readonly kind: 'directory'; readonly path: string };

/** A scan as the command line asked for it, validated: the same shape from Slipway's flags and Trivy's. */
export interface ScanRequest {
  readonly target: ScanTargetSpec;
  readonly format: ReportFormat;
  readonly output?: string;
  readonly severities?: readonly Severity[];
  /** Exit code when something is found (0: never fail). */
  readonly exitCode: number;
  readonly ignoreUnfixed: boolean;
  readonly ignoreFile?: string;
  readonly skipFiles: readonly string[];
  readonly skipDirs: readonly string[];
  readonly vulnerabilities: boolean;
  readonly secrets: boolean;
  /** Only `os` or `library` packages (Trivy's `--pkg-types`); both when undefined. */
  readonly packageTypes?: readonly ('os' | 'library')[];
  readonly maxAgeSeconds?: number;
  readonly platform?: string;
  readonly quiet: boolean;
}

/** Splits comma-separated, possibly repeated values (`--severity HIGH,CRITICAL`). */
export function listValues(values: readonly string[] | string | undefined): string[] {
  const all = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  return all
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** `--severity` values, upper-cased and checked. */
export function parseSeverities(values: readonly string[] | string | undefined): Severity[] | undefined {
  const list = listValues(values).map((v) => v.toUpperCase());
  if (list.length === 0) return undefined;
  for (const value of list) {
    if (!(SEVERITIES as readonly string[]).includes(value)) {
      throw new UsageError(`--severity: \`${value}\` is not one of ${SEVERITIES.join(', ')}`);
    }
  }
  return list as Severity[];
}

/** `--format`, checked against the formats Slipway writes. */
export function parseFormat(value: string | undefined): ReportFormat {
  const format = value ?? 'table';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: \`${format}\` is not supported; use one of ${REPORT_FORMATS.join(', ')}`);
  }
  return format as ReportFormat;
}

/** `--scanners vuln,secret` → which scans run. */
export function parseScanners(values: readonly string[] | string | undefined): {
  vulnerabilities: boolean;
  secrets: boolean;
} {
  const list = listValues(values);
  if (list.length === 0) return { vulnerabilities: true, secrets: true };
  for (const value of list) {
    if (value !== 'vuln' && value !== 'secret') {
      throw new UsageError(`--scanners: \`${value}\` is not supported; use vuln and/or secret`);
    }
  }
  return { vulnerabilities: list.includes('vuln'), secrets: list.includes('secret') };
}

/** `--pkg-types os,library`. */
export function parsePackageTypes(
  values: readonly string[] | string | undefined,
): ('os' | 'library')[] | undefined {
  const list = listValues(values);
  if (list.length === 0) return undefined;
  for (const value of list) {
    if (value !== 'os' && value !== 'library')
      throw new UsageError(`--pkg-types: \`${value}\` is not os or library`);
  }
  return list as ('os' | 'library')[];
}

/** A whole number (for `--exit-code`). */
export function parseWholeNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 255)
    throw new UsageError(`${flag} must be a whole number 0–255, got \`${value}\``);
  return n;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A duration: `90s`, `30m`, `24h`, `7d`, `1h30m`, or bare seconds. */
export function parseDuration(value: string, flag: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw new UsageError(`${flag}: \`${value}\` is not a duration such as 24h, 7d or 90m`);
  }
  return parts.reduce((total, p) => total + Number(p[1]) * (UNITS[p[2] as string] ?? 0), 0);
}
