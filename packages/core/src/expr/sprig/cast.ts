import { formatValue } from '../expr-lang/go-format';
import { parseGoFloat, parseGoIntLiteral } from '../expr-lang/go-strings';
import { isMap, kindOf, numberOf, truncToInt } from '../expr-lang/values';

/**
 * spf13/cast's `ToInt64` as Sprig uses it: never fails. Floats truncate, booleans are 0/1, strings are Go
 * integer literals (`0x1f`, `017` is octal) after dropping a decimal part, and anything unparsable is 0.
 */
export function castInt(value: unknown): number {
  switch (kindOf(value)) {
    case 'int':
      return value as number;
    case 'float':
      return truncToInt(numberOf(value));
    case 'bool':
      return value ? 1 : 0;
    case 'duration':
      return (value as { nanos: number }).nanos;
    case 'string': {
      const text = value as string;
      if (text === '') return 0;
      return parseGoIntLiteral(trimDecimal(text)) ?? 0;
    }
    default:
      return 0;
  }
}

/** cast's `trimDecimal`: `"12.5"` → `"12"`, `".5"` → `"0"`; other text unchanged. */
function trimDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const match = /^([-+]?\d*)(\.\d*)?$/u.exec(text);
  if (match === null) return text;
  const whole = match[1] ?? '';
  return whole === '' || whole === '-' || whole === '+' ? `${whole}0` : whole;
}

/** spf13/cast's `ToFloat64`: never fails; unparsable input is 0. */
export function castFloat(value: unknown): number {
  switch (kindOf(value)) {
    case 'int':
    case 'float':
      return numberOf(value);
    case 'bool':
      return value ? 1 : 0;
    case 'string':
      return value === '' ? 0 : (parseGoFloat(value as string) ?? 0);
    default:
      return 0;
  }
}

/** Sprig's `strval`: strings as they are, everything else through `%v`. */
export function strval(value: unknown): string {
  return typeof value === 'string' ? value : formatValue(value);
}

/** Sprig's `strslice`: a list becomes its non-nil elements as strings; a scalar becomes a one-element list. */
export function strslice(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map(strval);
  if (value === null || value === undefined) return [];
  return [strval(value)];
}

/** Sprig's `empty`: nil, zero numbers, false, and empty strings, lists and maps. */
export function isEmpty(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'nil':
      return true;
    case 'bool':
      return value === false;
    case 'int':
    case 'float':
      return numberOf(value) === 0;
    case 'string':
      return value === '';
    case 'array':
      return (value as unknown[]).length === 0;
    case 'map':
      return isMap(value) && Object.keys(value).length === 0;
    case 'duration':
      return (value as { nanos: number }).nanos === 0;
    default:
      return false;
  }
}
