import semver from 'semver';
import { compareGeneric } from './generic';

// A scan compares the same few versions (a package's, its advisories' events) thousands of times; parsing
// them once each is most of the cost. Bounded so a long-lived process does not grow without end.
const MAX_CACHED = 50_000;
const parsed = new Map<string, semver.SemVer | null>();

function parse(version: string): semver.SemVer | null {
  let found = parsed.get(version);
  if (found === undefined) {
    found = semver.parse(strip(version), { loose: true });
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(version, found);
  }
  return found;
}

/** Orders two semver versions (npm, crates.io, Go and OSV `SEMVER` ranges); non-semver falls back to runs. */
export function compareSemver(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x && y) return x.compare(y);
  return compareGeneric(a, b);
}

/** Go writes `v1.2.3`, `v2.0.0+incompatible`; OSV ranges leave the `v` out. Both compare alike. */
function strip(version: string): string {
  return version.trim().replace(/^v(?=\d)/, '');
}

/** Whether a version is semver (after dropping a leading `v`). */
export function isSemver(version: string): boolean {
  return parse(version) !== null;
}
