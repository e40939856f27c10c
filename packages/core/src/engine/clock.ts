// Time as Argo shows it: RFC 3339 with whole seconds (metav1.Time), durations parsed by
// ParseStringToDuration, and the humanized "Backoff for 2 minutes 5 seconds" messages.
import { formatFloat } from '../expr/expr-lang/go-format';
import { parseGoDuration } from '../expr/expr-lang/time';

let lastSecond = Number.NaN;
let lastText = '';

/** RFC 3339 with whole seconds, UTC, as Kubernetes serialises metav1.Time. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Many nodes start and finish in the same second; formatting is pure, so the last result is reused.
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return lastText;
}

/** ms since epoch of an RFC 3339 timestamp (as written by `rfc3339`). */
export function parseRfc3339(text: string): number {
  return Date.parse(text);
}

/**
 * Argo's ParseStringToDuration in ms: a bare integer is seconds, otherwise a Go duration (`1m30s`).
 * Returns undefined when neither parses.
 */
export function parseArgoDuration(text: string): number | undefined {
  if (/^[+-]?\d+$/u.test(text.trim())) return Number(text.trim()) * 1000;
  try {
    return parseGoDuration(text) / 1e6;
  } catch {
    return undefined;
  }
}

/** A number of seconds as Go's `fmt.Sprint(float64)` writes it. */
export function goSeconds(ms: number): string {
  return formatFloat(ms / 1000);
}

/** Seconds with six decimals, as Go's `%f` (workflow.duration). */
export function fixedSeconds(ms: number): string {
  return (ms / 1000).toFixed(6);
}

const UNITS: readonly [number, string, string][] = [
  [7 * 86_400_000, 'week', 'weeks'],
  [86_400_000, 'day', 'days'],
  [3_600_000, 'hour', 'hours'],
  [60_000, 'minute', 'minutes'],
  [1000, 'second', 'seconds'],
];

function truncated(ms: number): string {
  if (ms < 1000) return '0 seconds';
  for (const [size, one, many] of UNITS) {
    if (ms >= size) {
      const count = Math.floor(ms / size);
      return count === 1 ? `1 ${one}` : `${count} ${many}`;
    }
  }
  return '0 seconds';
}

/** Argo's util/humanize.Duration: one unit under a minute, else two (`2 minutes 5 seconds`). */
export function humanizeDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return truncated(ms);
  if (seconds < 3600) return `${truncated(ms)} ${Math.floor(seconds % 60)} seconds`;
  if (seconds < 86_400) return `${truncated(ms)} ${Math.floor((seconds / 60) % 60)} minutes`;
  return `${truncated(ms)} ${Math.floor((seconds / 3600) % 24)} hours`;
}
