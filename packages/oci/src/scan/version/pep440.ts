/** A parsed PEP 440 version. */
interface Pep440 {
  readonly epoch: number;
  readonly release: number[];
  readonly pre?: readonly [number, number];
  readonly post?: number;
  readonly dev?: number;
  readonly local?: readonly (number | string)[];
}

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PHASES: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** Parses a PEP 440 version (normalizing alternative spellings); undefined when it is not one. */
export function parsePep440(version: string): Pep440 | undefined {
  const m = PATTERN.exec(version.trim());
  if (!m) return undefined;
  const release = (m[2] ?? '0').split('.').map(Number);
  while (release.length > 1 && release.at(-1) === 0) release.pop();
  const int = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return {
    epoch: int(m[1]),
    release,
    ...(m[3] !== undefined ? { pre: [PHASES[m[3].toLowerCase()] ?? 0, int(m[4])] as const } : {}),
    ...(m[5] !== undefined ? { post: int(m[5]) } : m[6] !== undefined ? { post: int(m[7]) } : {}),
    ...(m[8] !== undefined ? { dev: int(m[9]) } : {}),
    ...(m[10] !== undefined
      ? {
          local: m[10]
            .toLowerCase()
            .split(/[-_.]/)
            .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        }
      : {}),
  };
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// The sort key of `packaging`: a dev release of no pre-release sorts before every pre-release of its release.
function preKey(v: Pep440): number[] {
  if (v.pre) return [...v.pre];
  if (v.post === undefined && v.dev !== undefined) return [-Infinity];
  return [Infinity];
}

function compareLocal(a: Pep440['local'], b: Pep440['local']): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders two Python versions per PEP 440 (epochs, pre/post/dev releases, local labels). */
export function comparePep440(a: string, b: string): number | undefined {
  const x = parsePep440(a);
  const y = parsePep440(b);
  if (!x || !y) return undefined;
  return (
    x.epoch - y.epoch ||
    compareLists(x.release, y.release) ||
    compareLists(preKey(x), preKey(y)) ||
    (x.post ?? -1) - (y.post ?? -1) ||
    (x.dev ?? Infinity) - (y.dev ?? Infinity) ||
    compareLocal(x.local, y.local)
  );
}
