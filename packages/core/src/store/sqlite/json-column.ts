import { StoredDataError } from '../errors';

/**
 * Serializes a value for a JSON TEXT column. `undefined` becomes SQL NULL so that it reads back as
 * `undefined`, distinct from JSON `null`.
 */
export function toJsonText(value: unknown): string | null {
  if (value === undefined) return null;
  // JSON.stringify returns undefined (despite its type) for functions and symbols: store them as absent.
  const text: string | undefined = JSON.stringify(value);
  return text ?? null;
}

/** Parses a JSON TEXT column written by `toJsonText`; `where` names the entry if it is damaged. */
export function fromJsonText(text: string | null, where: string): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StoredDataError(where, 'is not valid JSON', { cause });
  }
}

/** Parses the data of a secret or config map and checks it is an object of strings. */
export function fromStringRecordText(text: string, where: string): Record<string, string> {
  const value = fromJsonText(text, where);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StoredDataError(where, 'is not a JSON object');
  }
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') {
      throw new StoredDataError(where, `has a non-string value for key \`${key}\``);
    }
  }
  // fromEntries defines own properties, so even a key named `__proto__` comes back as data.
  return Object.fromEntries(entries) as Record<string, string>;
}
