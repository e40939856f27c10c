const REDACTED = '[redacted]';
const MAX_LENGTH = 500;
const MAX_INPUT = 16_384;

const PATTERNS: readonly RegExp[] = [
  // AWS access key ids (long-term AKIA…, temporary ASIA…, and the other documented prefixes).
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  // Authorization headers and key=value / "key": "value" pairs whose key names a secret.
  /\b((?:authorization|x-amz-security-token)\s*[:=]\s*)[^\r\n]+/gi,
  /("?(?:password|passwd|secret|token|identitytoken|registrytoken|auth|sessiontoken|secretaccesskey)"?\s*[:=]\s*)"[^"]*"/gi,
  /\b((?:password|passwd|secret|token|auth)\s*=\s*)[^\s&"']+/gi,
  // JWTs, and long opaque runs mixing letters and digits, are most likely tokens.
  /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g,
  /(?=[A-Za-z0-9+_-]*\d)(?=[A-Za-z0-9+_-]*[A-Za-z])[A-Za-z0-9+_-]{32,}={0,2}/g,
];

/**
 * Removes known secret values and anything that looks like a credential from text meant for an
 * error message, and shortens it.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix?: unknown) =>
      typeof prefix === 'string' && prefix !== match ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH)}…` : out;
}
