// Numbers in govaluate are Go float64 values: parsed with strconv, printed with fmt's %v, and converted to
// int64/uint64 for bitwise operators the way Go does on amd64 (where the Argo controller runs).

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;
const TWO_63 = 2n ** 63n;

/** Go's `strconv.ParseFloat(text, 64)` for the decimal forms a govaluate numeric token can hold. */
export function parseGoFloat(text: string): number | undefined {
  if (SPECIAL.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith('nan')) return Number.NaN;
    return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  // strconv reports a range error instead of rounding an overflowing literal to infinity.
  return Number.isFinite(value) ? value : undefined;
}

/** Go's `strconv.ParseUint(text, 16, 64)` converted to float64, or undefined when it would fail. */
export function parseGoHex(text: string): number | undefined {
  if (!/^[0-9a-fA-F]+$/.test(text)) return undefined;
  const value = BigInt(`0x${text}`);
  if (value >= 2n ** 64n) return undefined;
  return Number(value);
}

/** Go's `fmt.Sprintf("%v", f)` for a float64: shortest digits, exponent form below 1e-4 or from 1e6. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // %v is strconv's 'g' with shortest precision, which switches to %e outside 1e-4 <= |x| < 1e6.
  if (exponent < -4 || exponent >= 6) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${rest}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  const pointAt = exponent + 1;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** Go's `int64(f)` on amd64: truncation, with NaN and out-of-range values becoming the minimum int64. */
export function goFloatToInt64(value: number): bigint {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) return -TWO_63;
  return BigInt(Math.trunc(value));
}

/** Go's `uint64(f)` on amd64, including its wrap-around for negative values. */
export function goFloatToUint64(value: number): bigint {
  if (!Number.isFinite(value) || value >= 2 ** 64 || value <= -(2 ** 63)) return TWO_63;
  if (value >= 2 ** 63) return BigInt(Math.trunc(value));
  return BigInt.asUintN(64, BigInt(Math.trunc(value)));
}

/** Go's `math.Pow`, which differs from `**` for a base of 1 and for -1 raised to an infinity. */
export function goPow(base: number, exponent: number): number {
  if (base === 1) return 1;
  if (base === -1 && !Number.isFinite(exponent) && !Number.isNaN(exponent)) return 1;
  return base ** exponent;
}
