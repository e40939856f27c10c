import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { zipEntries } from '../zip/zip-entries';
import { type Cataloguer, pkg } from './cataloguer';

const ARCHIVE = /\.(?:jar|war|ear|par)$/i;
// Fat jars hold their dependencies as jars; deeper nesting is not a layout build tools make.
const MAX_NESTING = 2;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

function properties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#!=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (m?.[1]) map.set(m[1], (m[2] ?? '').trim());
  }
  return map;
}

/** `MANIFEST.MF` main attributes (72-column continuation lines joined). */
function manifest(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.replace(/\r?\n /g, '').split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(': ');
    if (colon > 0) map.set(line.slice(0, colon), line.slice(colon + 2).trim());
  }
  return map;
}

function jarPackages(path: string, buffer: Buffer, depth: number): Package[] {
  const found: Package[] = [];
  let manifestFields: Map<string, string> | undefined;
  for (const entry of zipEntries(buffer)) {
    if (POM_PROPERTIES.test(entry.name)) {
      const props = properties(entry.read().toString('utf8'));
      const group = props.get('groupId');
      const artifact = props.get('artifactId');
      const version = props.get('version');
      if (group && artifact && version) found.push(pkg('Maven', `${group}:${artifact}`, version, path));
    } else if (entry.name === 'META-INF/MANIFEST.MF') {
      manifestFields = manifest(entry.read().toString('utf8'));
    } else if (ARCHIVE.test(entry.name) && depth < MAX_NESTING) {
      found.push(...jarPackages(`${path}/${entry.name}`, entry.read(), depth + 1));
    }
  }
  if (found.length === 0 && manifestFields) {
    const group = manifestFields.get('Implementation-Vendor-Id');
    const artifact = manifestFields.get('Implementation-Title');
    const version = manifestFields.get('Implementation-Version');
    if (group && artifact && version) found.push(pkg('Maven', `${group}:${artifact}`, version, path));
  }
  return found;
}

/** Reads Java archives (jar, war, ear): `pom.properties` of every bundled artifact, else the jar manifest. */
export const javaArchiveCataloguer: Cataloguer = {
  name: 'java archive',
  matches: (path) => ARCHIVE.test(path),
  parse(path, content) {
    try {
      return { packages: jarPackages(path, content, 0) };
    } catch (error) {
      throw new CatalogueParseError(path, `is not a readable zip archive (${(error as Error).message})`, {
        cause: error,
      });
    }
  },
};
