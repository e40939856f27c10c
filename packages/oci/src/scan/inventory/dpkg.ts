import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { baseName, type Cataloguer, pkg } from './cataloguer';

/** Splits a Debian control file into paragraphs of fields (continuation lines folded in). */
export function parseControlParagraphs(path: string, text: string): Map<string, string>[] {
  const paragraphs: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | undefined;
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line.trim() === '') {
      if (current.size > 0) paragraphs.push(current);
      current = new Map();
      last = undefined;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last === undefined) throw new CatalogueParseError(path, `line ${lineNo} continues no field`);
      current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new CatalogueParseError(path, `line ${lineNo} is not a \`Field: value\` line`);
    last = line.slice(0, colon);
    current.set(last, line.slice(colon + 1).trim());
  }
  if (current.size > 0) paragraphs.push(current);
  return paragraphs;
}

function isDpkgPath(path: string): boolean {
  if (path === 'var/lib/dpkg/status') return true;
  // Distroless images keep one control file per package in status.d (and md5sums beside them).
  return path.startsWith('var/lib/dpkg/status.d/') && !baseName(path).includes('.') && !path.endsWith('/');
}

/** Reads Debian/Ubuntu's `var/lib/dpkg/status` and distroless `var/lib/dpkg/status.d/*`: installed packages. */
export const dpkgCataloguer: Cataloguer = {
  name: 'dpkg',
  matches: isDpkgPath,
  parse(path, content) {
    const packages: Package[] = [];
    for (const fields of parseControlParagraphs(path, content.toString('utf8'))) {
      const name = fields.get('Package');
      const version = fields.get('Version');
      if (!name || !version) throw new CatalogueParseError(path, 'a paragraph has no Package: or Version:');
      const status = fields.get('Status');
      // `deinstall ok config-files` and the like leave only configuration behind.
      if (status !== undefined && !/\binstalled$/.test(status)) continue;
      const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(fields.get('Source') ?? '');
      packages.push(
        pkg('Debian', name, version, path, {
          sourceName: source?.[1] ?? name,
          sourceVersion: source?.[2] ?? version,
        }),
      );
    }
    return { packages };
  },
};
