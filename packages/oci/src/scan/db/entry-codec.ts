import type { OsvAffected, OsvEvent, OsvRange } from './osv';

// Control characters never occur in versions or range types, so they can separate fields without escaping.
const PART = '\x1d';
const RANGE = '\x1e';
const FIELD = '\x1f';

const KINDS = { i: 'introduced', f: 'fixed', l: 'last_affected', m: 'limit' } as const;
type Kind = keyof typeof KINDS;

/**
 * Writes an `affected[]` entry as a compact string: `versions PART ranges PART severity`, a range being
 * `TYPE FIELD kind+version FIELD …`. Scans decode tens of thousands of these; a string splits far faster
 * than JSON with an object per event parses.
 */
export function encodeAffected(affected: OsvAffected): string {
  const ranges = affected.ranges.map((range) =>
    [
      range.type,
      ...range.events.flatMap((event) =>
        (Object.keys(KINDS) as Kind[]).flatMap((kind) => {
          const version = event[KINDS[kind]];
          return version === undefined ? [] : [`${kind}${version}`];
        }),
      ),
    ].join(FIELD),
  );
  return [affected.versions.join(FIELD), ranges.join(RANGE), affected.severity ?? ''].join(PART);
}

function decodeEvent(event: string): OsvEvent {
  const version = event.slice(1);
  // Literal shapes keep one hidden class per kind; computed keys would not.
  switch (event[0]) {
    case 'i':
      return { introduced: version };
    case 'f':
      return { fixed: version };
    case 'l':
      return { last_affected: version };
    default:
      return { limit: version };
  }
}

function decodeRange(range: string): OsvRange {
  const fields = range.split(FIELD);
  const events: OsvEvent[] = new Array(fields.length - 1);
  for (let i = 1; i < fields.length; i++) events[i - 1] = decodeEvent(fields[i] as string);
  return { type: fields[0] ?? '', events };
}

/** Reads what `encodeAffected` wrote. */
export function decodeAffected(text: string): OsvAffected {
  const [versions = '', ranges = '', severity = ''] = text.split(PART);
  const rangeTexts = ranges === '' ? [] : ranges.split(RANGE);
  const decoded: OsvRange[] = new Array(rangeTexts.length);
  for (let i = 0; i < rangeTexts.length; i++) decoded[i] = decodeRange(rangeTexts[i] as string);
  const affected: OsvAffected = { ranges: decoded, versions: versions === '' ? [] : versions.split(FIELD) };
  return severity === '' ? affected : { ...affected, severity };
}
