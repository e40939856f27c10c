import type { Severity } from '../types';

const WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** CVSS 3.1's Roundup: the smallest one-decimal number not below `value`, free of float error. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** The base score of a CVSS 3.0/3.1 vector (`CVSS:3.1/AV:N/AC:L/…`); undefined when it is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const metrics = new Map<string, string>();
  for (const part of vector.split('/').slice(1)) {
    const [key, value] = part.split(':');
    if (key && value) metrics.set(key, value);
  }
  const scope = metrics.get('S');
  const weight = (key: string) => WEIGHTS[key]?.[metrics.get(key) ?? ''];
  const av = weight('AV');
  const ac = weight('AC');
  const ui = weight('UI');
  const c = weight('C');
  const i = weight('I');
  const a = weight('A');
  const prLevel = metrics.get('PR');
  const pr =
    prLevel === 'N'
      ? 0.85
      : prLevel === 'L'
        ? scope === 'C'
          ? 0.68
          : 0.62
        : prLevel === 'H'
          ? scope === 'C'
            ? 0.5
            : 0.27
          : undefined;
  if ([av, ac, ui, c, i, a, pr].some((w) => w === undefined) || (scope !== 'U' && scope !== 'C'))
    return undefined;
  const iss = 1 - (1 - (c as number)) * (1 - (i as number)) * (1 - (a as number));
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * (av as number) * (ac as number) * (pr as number) * (ui as number);
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

/** The qualitative level of a CVSS score (CVSS 3 table; 0 is UNKNOWN rather than NONE). */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  if (score > 0) return 'LOW';
  return 'UNKNOWN';
}

/** A vendor's severity word (GitHub's MODERATE, Ubuntu's negligible, Debian's unimportant) as a level. */
export function severityOfWord(word: string): Severity | undefined {
  switch (word.trim().toUpperCase()) {
    case 'CRITICAL':
      return 'CRITICAL';
    case 'HIGH':
    case 'IMPORTANT':
      return 'HIGH';
    case 'MEDIUM':
    case 'MODERATE':
      return 'MEDIUM';
    case 'LOW':
    case 'NEGLIGIBLE':
    case 'UNIMPORTANT':
      return 'LOW';
    default:
      return undefined;
  }
}
