const SEGMENT = /\d+|[a-z]+/gi;

/** Orders RubyGems versions as `Gem::Version` does: letters make a pre-release (`1.0.a` < `1.0`), `1.0` = `1.0.0`. */
export function compareGem(a: string, b: string): number {
  const x = a.trim().match(SEGMENT) ?? [];
  const y = b.trim().match(SEGMENT) ?? [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? '0';
    const q = y[i] ?? '0';
    const pNum = /^\d/.test(p);
    const qNum = /^\d/.test(q);
    if (pNum && qNum) {
      const d = Number(p) - Number(q);
      if (d !== 0) return d;
    } else if (pNum !== qNum) {
      return pNum ? 1 : -1;
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  return 0;
}
