import { OperatorError } from '../expr-lang/operators';

/** An exact decimal `coefficient × 10^exponent`, enough of shopspring/decimal for Sprig's `addf` family. */
interface Decimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

/** shopspring's `DivisionPrecision`: digits kept after the point when dividing. */
const DIVISION_PRECISION = 16;

/** `decimal.NewFromFloat`: the shortest decimal that round-trips to `value`. */
export function decimalFromFloat(value: number): Decimal {
  if (!Number.isFinite(value)) throw new OperatorError(`Cannot create a Decimal from ${value}`);
  if (value === 0) return { coefficient: 0n, exponent: 0 };
  const [mantissa = '0', exp = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const coefficient = BigInt(digits) * (value < 0 ? -1n : 1n);
  return { coefficient, exponent: Number(exp) - (digits.length - 1) };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.coefficient * 10n ** BigInt(a.exponent - exponent),
    b.coefficient * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

/** Exact sum, difference or product; quotient rounded half away from zero to 16 places. */
export function decimalOp(op: '+' | '-' | '*' | '/', a: Decimal, b: Decimal): Decimal {
  if (op === '*') return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
  if (op === '+' || op === '-') {
    const [x, y, exponent] = align(a, b);
    return { coefficient: op === '+' ? x + y : x - y, exponent };
  }
  if (b.coefficient === 0n) throw new OperatorError('decimal division by 0');
  const shift = a.exponent - b.exponent + DIVISION_PRECISION;
  const numerator = shift >= 0 ? a.coefficient * 10n ** BigInt(shift) : a.coefficient;
  const denominator = shift >= 0 ? b.coefficient : b.coefficient * 10n ** BigInt(-shift);
  let quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  if (2n * abs(remainder) >= abs(denominator)) {
    quotient += numerator < 0n !== denominator < 0n ? -1n : 1n;
  }
  return { coefficient: quotient, exponent: -DIVISION_PRECISION };
}

/** `Decimal.Float64()`: the nearest float64. */
export function decimalToFloat(value: Decimal): number {
  return Number(`${value.coefficient}e${value.exponent}`);
}
