/** One challenge of a `WWW-Authenticate` header: its scheme (lower case) and parameters (names lower case). */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN_END = /[\s,=]/;
const VALUE_END = /[\s,]/;

/**
 * Parses a `WWW-Authenticate` header (RFC 9110 §11.6.1): several challenges separated by commas,
 * parameters as tokens or quoted strings (which may hold commas and `\`-escapes).
 * `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull,push"`.
 */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  const text = header ?? '';
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let current: { scheme: string; params: Record<string, string> } | undefined;
  let i = 0;
  const skip = (pattern: RegExp) => {
    while (i < text.length && pattern.test(text.charAt(i))) i++;
  };
  while (i < text.length) {
    skip(/[\s,]/);
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !TOKEN_END.test(text.charAt(i))) i++;
    const token = text.slice(start, i);
    skip(/\s/);
    if (token === '') {
      i++; // a stray '='
    } else if (text.charAt(i) === '=' && current !== undefined) {
      i++;
      skip(/\s/);
      const [value, next] = readValue(text, i);
      current.params[token.toLowerCase()] = value;
      i = next;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      challenges.push(current);
    }
  }
  return challenges;
}

/** Reads a token or a quoted string starting at `start`; returns it and the index after it. */
function readValue(text: string, start: number): [string, number] {
  let i = start;
  if (text.charAt(i) !== '"') {
    while (i < text.length && !VALUE_END.test(text.charAt(i))) i++;
    return [text.slice(start, i), i];
  }
  i++;
  let value = '';
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') return [value, i + 1];
    if (c === '\\') {
      value += text.charAt(i + 1);
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return [value, i];
}
