import type { OsvAffected, OsvEvent } from '../db/osv';
import { compareSemver, compareVersions } from '../version';

/** Whether a version is affected by an OSV `affected[]` entry, and the version that fixes it if any. */
export interface RangeVerdict {
  readonly affected: boolean;
  readonly fixed?: string;
}

function eventVersion(event: OsvEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
}

type Compare = (a: string, b: string) => number;

/** `0` (OSV's "since the beginning") sorts before every version. */
function withZero(compare: Compare): Compare {
  return (a, b) => (a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : compare(a, b));
}

// One comparator per ecosystem, made once: a scan evaluates tens of thousands of ranges.
const comparators = new Map<string, Compare>();
const semverCompare = withZero(compareSemver);

function comparatorFor(ecosystem: string, rangeType: string): Compare {
  if (rangeType === 'SEMVER') return semverCompare;
  let compare = comparators.get(ecosystem);
  if (!compare) {
    compare = withZero((a, b) => compareVersions(ecosystem, a, b));
    comparators.set(ecosystem, compare);
  }
  return compare;
}

function isOrdered(events: readonly OsvEvent[], cmp: Compare): boolean {
  for (let i = 1; i < events.length; i++) {
    if (cmp(eventVersion(events[i - 1] as OsvEvent), eventVersion(events[i] as OsvEvent)) > 0) return false;
  }
  return true;
}

/**
 * Evaluates OSV ranges (`ECOSYSTEM` with the ecosystem's ordering, `SEMVER` with semver's) and the explicit
 * `versions` list, as the OSV schema describes: walk events in version order, `introduced` opens,
 * `fixed` and `last_affected` close, `limit` bounds.
 */
export function evaluateAffected(ecosystem: string, version: string, entry: OsvAffected): RangeVerdict {
  let fixed: string | undefined;
  let affected = entry.versions.includes(version);
  for (const range of entry.ranges) {
    if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
    const cmp = comparatorFor(ecosystem, range.type);
    // Ranges are nearly always written in order; sorting is only paid for when they are not.
    const events = isOrdered(range.events, cmp)
      ? range.events
      : [...range.events].sort((a, b) => cmp(eventVersion(a), eventVersion(b)));
    let limited = false;
    let belowLimit = false;
    for (const event of events) {
      if (event.limit === undefined) continue;
      limited = true;
      belowLimit ||= cmp(version, event.limit) < 0;
    }
    if (limited && !belowLimit) continue;
    let inside = false;
    let closing: string | undefined;
    for (const event of events) {
      if (event.introduced !== undefined && cmp(version, event.introduced) >= 0) {
        inside = true;
        closing = undefined;
      } else if (event.fixed !== undefined) {
        if (cmp(version, event.fixed) >= 0) inside = false;
        else if (inside && closing === undefined) closing = event.fixed;
      } else if (event.last_affected !== undefined && cmp(version, event.last_affected) > 0) {
        inside = false;
      }
    }
    if (inside) {
      affected = true;
      if (closing !== undefined) fixed = closing;
    }
  }
  return { affected, ...(affected && fixed !== undefined ? { fixed } : {}) };
}
