import { CatalogueParseError } from '../errors';

/** One `[[package]]` table of a TOML lockfile: its top-level string keys. */
export type TomlPackage = ReadonlyMap<string, string>;

/**
 * Reads the `[[package]]` tables of a TOML lockfile (Cargo.lock, poetry.lock, uv.lock), keeping the values of
 * their own keys (strings unquoted, others as written); sub-tables and multi-line arrays are passed over.
 */
export function tomlPackages(path: string, text: string): TomlPackage[] {
  const tables: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  let depth = 0;
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (depth > 0) {
      depth += count(line, '[') + count(line, '{') - count(line, ']') - count(line, '}');
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (!/^\[\[[^[\]]+\]\]$|^\[[^[\]]+\]$/.test(line.replace(/\s+#.*$/, '')))
        throw new CatalogueParseError(path, `line ${lineNo}: a malformed table header`);
      current = line === '[[package]]' ? new Map() : undefined;
      if (current) tables.push(current);
      continue;
    }
    const m = /^([A-Za-z0-9_.-]+|"[^"]*")\s*=\s*(.*)$/.exec(line);
    if (!m)
      throw new CatalogueParseError(path, `line ${lineNo} is neither a table header nor \`key = value\``);
    const value = (m[2] ?? '').trim();
    if (value === '') throw new CatalogueParseError(path, `line ${lineNo}: \`${m[1]} =\` has no value`);
    depth = count(value, '[') + count(value, '{') - count(value, ']') - count(value, '}');
    const string = /^"((?:[^"\\]|\\.)*)"$/.exec(value);
    if (current) current.set((m[1] ?? '').replace(/"/g, ''), string ? (string[1] ?? '') : value);
  }
  for (const table of tables) {
    if (!table.get('name') || !table.get('version')) {
      throw new CatalogueParseError(path, 'a [[package]] table has no `name` or `version`');
    }
  }
  return tables;
}

function count(text: string, char: string): number {
  let n = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === char) n++;
  }
  return n;
}
