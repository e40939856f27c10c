// Token kinds in apk-tools' order: a version continuing with a later kind is the older one.
enum Kind {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNumber = 4,
  Revision = 5,
  End = 6,
}

interface Token {
  readonly kind: Kind;
  readonly text: string;
}

// Pre-release suffixes sort before the bare version, the others after it.
const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'];
const PRE_RELEASE = 4;

function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  const text = version.trim();
  let at = 0;
  const take = (pattern: RegExp): string => {
    const match = pattern.exec(text.slice(at));
    const found = match?.[0] ?? '';
    at += found.length;
    return found;
  };
  tokens.push({ kind: Kind.Digit, text: take(/^\d+/) });
  while (at < text.length) {
    const c = text[at];
    if (c === '.' && /\d/.test(text[at + 1] ?? '')) {
      at++;
      tokens.push({ kind: Kind.Digit, text: take(/^\d+/) });
    } else if (c !== undefined && /[a-z]/.test(c) && tokens.at(-1)?.kind === Kind.Digit) {
      at++;
      tokens.push({ kind: Kind.Letter, text: c });
    } else if (c === '_') {
      at++;
      tokens.push({ kind: Kind.Suffix, text: take(/^[a-z]+/) });
      const number = take(/^\d+/);
      if (number) tokens.push({ kind: Kind.SuffixNumber, text: number });
    } else if (c === '-' && text[at + 1] === 'r') {
      at += 2;
      tokens.push({ kind: Kind.Revision, text: take(/^\d+/) });
    } else {
      // Anything else (a `~hash` commit suffix, junk) ends the comparable part.
      break;
    }
  }
  tokens.push({ kind: Kind.End, text: '' });
  return tokens;
}

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareSame(kind: Kind, a: string, b: string, first: boolean): number {
  switch (kind) {
    case Kind.Digit:
      // After the first component a leading zero makes it a fraction: 1.02 < 1.1.
      if (!first && (a.startsWith('0') || b.startsWith('0'))) return a < b ? -1 : a > b ? 1 : 0;
      return compareNumbers(a, b);
    case Kind.Suffix:
      return SUFFIXES.indexOf(a) - SUFFIXES.indexOf(b);
    case Kind.SuffixNumber:
    case Kind.Revision:
      return compareNumbers(a, b);
    default:
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

const isPreRelease = (token: Token): boolean =>
  token.kind === Kind.Suffix && SUFFIXES.indexOf(token.text) < PRE_RELEASE;

/** Orders two Alpine package versions as `apk version -t` does (`_rc1` < release < `_p1`, `-rN`). */
export function compareApk(a: string, b: string): number {
  const x = tokenize(a);
  const y = tokenize(b);
  for (let i = 0; ; i++) {
    const p = x[i] as Token;
    const q = y[i] as Token;
    if (p.kind === q.kind) {
      if (p.kind === Kind.End) return 0;
      const order = compareSame(p.kind, p.text, q.text, i === 0);
      if (order !== 0) return Math.sign(order);
      continue;
    }
    if (isPreRelease(p)) return -1;
    if (isPreRelease(q)) return 1;
    return p.kind > q.kind ? -1 : 1;
  }
}
