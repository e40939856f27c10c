import { CatalogueParseError } from '../errors';
import type { OsRelease } from '../types';
import type { Cataloguer } from './cataloguer';

/** Parses `os-release` (shell-style `KEY=value` lines, values optionally quoted). */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m?.[1]) continue;
    let value = (m[2] ?? '').trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    fields[m[1]] = value;
  }
  return fields;
}

/** The paths holding the OS release, in order of preference. */
export const OS_RELEASE_PATHS = ['etc/os-release', 'usr/lib/os-release', 'etc/alpine-release'] as const;

/** Reads `etc/os-release` (or `usr/lib/os-release`, or Alpine's bare `etc/alpine-release`). */
export const osReleaseCataloguer: Cataloguer = {
  name: 'os-release',
  matches: (path) => (OS_RELEASE_PATHS as readonly string[]).includes(path),
  parse(path, content) {
    const text = content.toString('utf8');
    if (path === 'etc/alpine-release') {
      const version = text.trim();
      if (!/^\d+\.\d+/.test(version)) throw new CatalogueParseError(path, 'holds no Alpine version');
      return { packages: [], os: { id: 'alpine', versionId: version } };
    }
    const fields = parseOsRelease(text);
    if (!fields.ID) throw new CatalogueParseError(path, 'has no ID= line');
    const os: OsRelease = {
      id: fields.ID.toLowerCase(),
      versionId: fields.VERSION_ID ?? '',
      ...(fields.PRETTY_NAME ? { prettyName: fields.PRETTY_NAME } : {}),
      ...(fields.VERSION_CODENAME ? { codename: fields.VERSION_CODENAME } : {}),
    };
    return { packages: [], os };
  },
};
