import { formatGoFloat } from './go-number';

/** A regular expression compiled from a string literal right after `=~`/`!~` (govaluate's PATTERN). */
export class GoPattern {
  constructor(
    /** The Go pattern text. */
    readonly source: string,
    /** Its JavaScript translation. */
    readonly regex: RegExp,
  ) {}
}

/** A value during `when` evaluation: govaluate only knows float64, string, bool, nil and untyped lists. */
export type WhenValue = number | string | boolean | null | GoPattern | readonly WhenValue[];

/** Formats a value the way Go's `%v` does, which is also what `+` uses to concatenate. */
export function formatWhenValue(value: WhenValue): string {
  if (value === null) return '<nil>';
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof GoPattern) return value.source;
  return `[${value.map(formatWhenValue).join(' ')}]`;
}

/** A short description for error messages, e.g. "the string 'heads'" or "the number 5". */
export function describeWhenValue(value: WhenValue): string {
  if (value === null) return 'nil (no value)';
  if (typeof value === 'number') return `the number ${formatGoFloat(value)}`;
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (value instanceof GoPattern) return `the regular expression '${value.source}'`;
  return `the list ${formatWhenValue(value)}`;
}

/** govaluate's `==`: Go's reflect.DeepEqual, so values of different types are never equal. */
export function whenValuesEqual(a: WhenValue, b: WhenValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const right: readonly WhenValue[] = b;
    return (a as readonly WhenValue[]).every((item, i) => whenValuesEqual(item, right[i] as WhenValue));
  }
  if (a instanceof GoPattern || b instanceof GoPattern) {
    return a instanceof GoPattern && b instanceof GoPattern && a.source === b.source;
  }
  return a === b;
}

/** The name govaluate's type checks use for a value, for messages. */
export function whenTypeName(value: WhenValue): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return 'list';
  if (value instanceof GoPattern) return 'regular expression';
  return typeof value;
}
