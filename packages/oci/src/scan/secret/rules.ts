import type { Severity } from '../types';

/** A secret pattern: the part matched by `secretGroup` (0: the whole match) is what gets masked. */
export interface SecretRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Lower-case words one of which must appear before the regex is tried (a cheap prefilter). */
  readonly keywords: readonly string[];
  readonly pattern: RegExp;
  readonly secretGroup: number;
}

/** Slipway's built-in secret rules: private keys, cloud keys and service tokens with distinctive shapes. */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    title: 'Asymmetric private key',
    severity: 'HIGH',
    keywords: ['private key'],
    pattern:
      /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----((?:\\n|\s)*[A-Za-z0-9+/=\s\\:,-]{32,}?)(?:\\n|\s)*-----END/g,
    secretGroup: 1,
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'CRITICAL',
    keywords: ['akia', 'asia', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva'],
    pattern: /(?<![A-Z0-9])((?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16})(?![A-Z0-9])/g,
    secretGroup: 1,
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'CRITICAL',
    keywords: ['aws', 'secret'],
    pattern:
      /aws[_.-]?secret[_.-]?access[_.-]?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    secretGroup: 1,
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    severity: 'CRITICAL',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    secretGroup: 1,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    severity: 'CRITICAL',
    keywords: ['glpat-'],
    pattern: /(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/g,
    secretGroup: 1,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'HIGH',
    keywords: ['xox'],
    pattern: /(?<![A-Za-z0-9-])(xox[baprs]-[0-9A-Za-z]{10,48}(?:-[0-9A-Za-z]{10,48}){1,3})/g,
    secretGroup: 1,
  },
  {
    id: 'slack-webhook',
    title: 'Slack incoming webhook',
    severity: 'MEDIUM',
    keywords: ['hooks.slack.com'],
    pattern: /https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})/g,
    secretGroup: 1,
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    severity: 'HIGH',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    secretGroup: 1,
  },
  {
    id: 'stripe-secret-key',
    title: 'Stripe live secret key',
    severity: 'CRITICAL',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: /(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9A-Za-z]{24,99})(?![A-Za-z0-9_])/g,
    secretGroup: 1,
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'CRITICAL',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    secretGroup: 1,
  },
];
