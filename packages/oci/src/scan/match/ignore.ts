import { IgnoreFileError } from '../errors';
import { type Finding, SEVERITIES, type SecretFinding, type Severity } from '../types';

/** An ignore rule: an id (advisory, alias or secret rule), until an optional expiry date. */
export interface IgnoreRule {
  readonly id: string;
  readonly expires?: Date;
}

/**
 * Parses `.slipwayignore` and Trivy's `.trivyignore` (one id per line, `# comments`, an optional
 * `exp:YYYY-MM-DD` after the id).
 */
export function parseIgnoreFile(path: string, text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const [id, ...rest] = line.split(/\s+/);
    let expires: Date | undefined;
    for (const word of rest) {
      const exp = /^exp:(\d{4}-\d{2}-\d{2})$/.exec(word);
      if (!exp?.[1]) throw new IgnoreFileError(path, index + 1, `\`${word}\` is not \`exp:YYYY-MM-DD\``);
      expires = new Date(`${exp[1]}T23:59:59Z`);
      if (Number.isNaN(expires.getTime()))
        throw new IgnoreFileError(path, index + 1, `\`${exp[1]}\` is not a date`);
    }
    rules.push({ id: id as string, ...(expires ? { expires } : {}) });
  });
  return rules;
}

/** Which findings to keep. */
export interface FindingFilter {
  /** Levels to report (default: all). */
  readonly severities?: readonly Severity[];
  /** Leave out vulnerabilities no version fixes yet. */
  readonly ignoreUnfixed?: boolean;
  readonly ignore?: readonly IgnoreRule[];
  /** When rules expire; default now. */
  readonly now?: Date;
}

function activeIds(filter: FindingFilter): Set<string> {
  const now = filter.now ?? new Date();
  return new Set(
    (filter.ignore ?? []).filter((rule) => !rule.expires || rule.expires >= now).map((rule) => rule.id),
  );
}

/** Applies `--severity`, `--ignore-unfixed` and the ignore file to vulnerability findings. */
export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const ignored = activeIds(filter);
  const levels = new Set(filter.severities ?? SEVERITIES);
  return findings.filter(
    (finding) =>
      levels.has(finding.severity) &&
      !(filter.ignoreUnfixed && finding.fixedVersion === undefined) &&
      ![finding.id, ...finding.aliases].some((id) => ignored.has(id)),
  );
}

/** Applies `--severity` and the ignore file (by rule id) to secret findings. */
export function filterSecrets(secrets: readonly SecretFinding[], filter: FindingFilter): SecretFinding[] {
  const ignored = activeIds(filter);
  const levels = new Set(filter.severities ?? SEVERITIES);
  return secrets.filter((secret) => levels.has(secret.severity) && !ignored.has(secret.ruleId));
}
