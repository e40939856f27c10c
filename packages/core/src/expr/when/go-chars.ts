// govaluate classifies characters with Go's `unicode` package, which works on code points; these predicates
// reproduce those classes so non-ASCII input is tokenized the way the Argo controller tokenizes it.

const SPACE = /^\p{White_Space}$/u;
const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Go's `unicode.IsSpace`: the Unicode White_Space property. */
export function isGoSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/** Go's `unicode.IsLetter`: any code point in category L. */
export function isGoLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/** Go's `unicode.IsDigit`: any code point in category Nd, not only ASCII digits. */
export function isGoDigit(ch: string): boolean {
  return DECIMAL_DIGIT.test(ch);
}

/** True when Go's `unicode.ToUpper` would change the code point, i.e. it is a lower-case letter. */
export function hasGoUpperCase(ch: string): boolean {
  const upper = ch.toUpperCase();
  // A multi-code-point upper case (German sharp s) is a special casing Go's simple mapping does not apply.
  return upper !== ch && [...upper].length === 1;
}

/** The code point at `index` as a string (one or two UTF-16 units), or '' past the end. */
export function codePointAt(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Compares two strings by code point, which orders them like Go compares UTF-8 bytes. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return 0;
}
