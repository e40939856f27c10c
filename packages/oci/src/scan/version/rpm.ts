const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c);

/** rpm's `rpmvercmp` for one version or release string: `~` sorts before anything, `^` after the end. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (i < a.length && test(a[i])) i++;
    while (j < b.length && test(b[j])) j++;
    let segA = a.slice(startA, i);
    let segB = b.slice(startB, j);
    // A numeric segment is newer than an alphabetic one.
    if (segB === '') return numeric ? 1 : -1;
    if (numeric) {
      segA = segA.replace(/^0+/, '');
      segB = segB.replace(/^0+/, '');
      if (segA.length !== segB.length) return segA.length - segB.length;
    }
    if (segA !== segB) return segA < segB ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

function splitEvr(evr: string): { epoch: number; version: string; release: string } {
  const colon = evr.indexOf(':');
  const epoch = colon > 0 ? Number.parseInt(evr.slice(0, colon), 10) || 0 : 0;
  const rest = colon > 0 ? evr.slice(colon + 1) : evr;
  const dash = rest.lastIndexOf('-');
  return dash > 0
    ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) }
    : { epoch, version: rest, release: '' };
}

/** Orders two rpm `[epoch:]version[-release]` strings as rpm does. */
export function compareRpm(a: string, b: string): number {
  const x = splitEvr(a);
  const y = splitEvr(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  const version = rpmvercmp(x.version, y.version);
  if (version !== 0) return version;
  if (x.release === '' || y.release === '') return 0;
  return rpmvercmp(x.release, y.release);
}
