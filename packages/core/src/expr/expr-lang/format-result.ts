import { goJson } from './go-format';
import { isNil } from './values';

/**
 * The text Argo substitutes for a `{{=…}}` tag: strings as they are, anything else as Go's compact JSON
 * (HTML characters escaped, map keys sorted). `undefined` for nil, which Argo treats as unresolved.
 * Throws `GoJsonError` for values JSON cannot hold (NaN, functions).
 */
export function formatTagResult(value: unknown): string | undefined {
  if (isNil(value)) return undefined;
  if (typeof value === 'string') return value;
  return goJson(value);
}
