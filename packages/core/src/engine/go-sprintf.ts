// Go's fmt.Sprintf for the one integer argument of a withSequence `format` (`%02d`, `%x`, `%03X`…).

const VERB = /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/gu;

function digits(value: number, verb: string): string {
  const abs = Math.abs(value);
  switch (verb) {
    case 'x':
      return abs.toString(16);
    case 'X':
      return abs.toString(16).toUpperCase();
    case 'o':
      return abs.toString(8);
    case 'b':
      return abs.toString(2);
    default:
      return String(abs);
  }
}

function pad(text: string, flags: string, width: number, numeric: boolean, sign: string): string {
  const length = sign.length + text.length;
  if (width <= length) return sign + text;
  if (flags.includes('-')) return sign + text + ' '.repeat(width - length);
  if (flags.includes('0') && numeric) return sign + '0'.repeat(width - length) + text;
  return ' '.repeat(width - length) + sign + text;
}

/** Format `value` with a Go format string that consumes one integer argument. */
export function goSprintfInt(format: string, value: number): string {
  let used = false;
  let out = format.replace(VERB, (_all, flags: string, width: string | undefined, _prec, verb: string) => {
    if (verb === '%') return '%';
    if (used) return `%!${verb}(MISSING)`;
    used = true;
    const w = width === undefined ? 0 : Number(width);
    if (verb === 's' || verb === 'q') return `%!${verb}(int=${value})`;
    if (verb === 'c') return pad(String.fromCodePoint(value), flags, w, false, '');
    const sign = value < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    return pad(digits(value, verb), flags, w, true, sign);
  });
  if (!used) out += `%!(EXTRA int=${value})`;
  return out;
}
