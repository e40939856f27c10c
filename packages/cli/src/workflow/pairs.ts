import { UsageError } from '../usage-error';

/** `name=value` flag values (`-p`, `--registry-mirror`) as a map; a value without a name is a usage error. */
export function pairs(values: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} takes name=value, got \`${value}\``);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}
