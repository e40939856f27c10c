const TOKEN = /\d+|[a-z]+/gi;

// Maven's qualifiers, oldest first; an unknown one sorts after these, lexically.
const QUALIFIER_RANK: Record<string, number> = {
  alpha: 0,
  a: 0,
  beta: 1,
  b: 1,
  milestone: 2,
  m: 2,
  rc: 3,
  cr: 3,
  snapshot: 4,
  '': 5,
  ga: 5,
  final: 5,
  release: 5,
  sp: 6,
};

function rank(word: string): number {
  const known = QUALIFIER_RANK[word.toLowerCase()];
  return known ?? 7;
}

function compareNumberText(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Orders versions of ecosystems without a stricter rule (Maven, Packagist, RubyGems, fallbacks): numeric and
 * alphabetic runs in turn, missing numbers as zero, qualifiers (`alpha` … `rc`, `snapshot`) before the
 * release and `sp` after it.
 */
export function compareGeneric(a: string, b: string): number {
  const x = a.toLowerCase().match(TOKEN) ?? [];
  const y = b.toLowerCase().match(TOKEN) ?? [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    const pNum = p === undefined || /^\d/.test(p);
    const qNum = q === undefined || /^\d/.test(q);
    if (pNum && qNum) {
      const order = compareNumberText(p ?? '0', q ?? '0');
      if (order !== 0) return order;
      continue;
    }
    // A missing part against a word: the word decides by its rank against a plain release.
    const pRank = p === undefined ? rank('') : pNum ? Infinity : rank(p);
    const qRank = q === undefined ? rank('') : qNum ? Infinity : rank(q);
    if (pRank !== qRank) return pRank < qRank ? -1 : 1;
    if (p !== undefined && q !== undefined && p !== q) return p < q ? -1 : 1;
  }
  return 0;
}
