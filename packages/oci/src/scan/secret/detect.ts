import type { SecretFinding } from '../types';
import { SECRET_RULES, type SecretRule } from './rules';

/** Longer lines are cut in reports, so minified files do not flood them. */
const MAX_SHOWN = 160;

function lineAt(text: string, index: number): { number: number; start: number; end: number } {
  let number = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    number++;
    start = at + 1;
  }
  const newline = text.indexOf('\n', index);
  return { number, start, end: newline === -1 ? text.length : newline };
}

/** Finds secrets in a text file; each is reported with its line, the secret replaced by `*`. */
export function detectSecrets(
  path: string,
  text: string,
  rules: readonly SecretRule[] = SECRET_RULES,
): SecretFinding[] {
  const lower = text.toLowerCase();
  const found: SecretFinding[] = [];
  for (const rule of rules) {
    if (!rule.keywords.some((keyword) => lower.includes(keyword))) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const secret = match[rule.secretGroup] ?? match[0];
      const offset = (match.index ?? 0) + match[0].indexOf(secret);
      const line = lineAt(text, offset);
      const secretEnd = Math.min(offset + secret.length, line.end);
      const masked =
        text.slice(line.start, offset) +
        '*'.repeat(Math.max(secretEnd - offset, 4)) +
        text.slice(secretEnd, line.end);
      found.push({
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        path,
        line: line.number,
        match: masked.trim().slice(0, MAX_SHOWN),
      });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Whether content looks like text (no NUL byte in its first 8 KiB). */
export function looksLikeText(content: Buffer): boolean {
  return !content.subarray(0, 8192).includes(0);
}
