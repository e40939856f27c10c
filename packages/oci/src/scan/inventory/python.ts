import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { baseName, type Cataloguer, pkg } from './cataloguer';
import { tomlPackages } from './toml-packages';

/** PyPI names compare case-insensitively with `-`, `_` and `.` alike (PEP 503). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Reads exact pins (`name==1.2.3`, extras and markers allowed) from `requirements*.txt`. */
export const requirementsCataloguer: Cataloguer = {
  name: 'requirements.txt',
  matches: (path) => /^requirements[^/]*\.txt$/.test(baseName(path)),
  parse(path, content) {
    const packages: Package[] = [];
    for (const raw of content.toString('utf8').split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line === '' || line.startsWith('#') || line.startsWith('-')) continue;
      const pin = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9.+!_-]+)/.exec(line);
      if (pin?.[1] && pin[2]) packages.push(pkg('PyPI', normalizePypiName(pin[1]), pin[2], path));
    }
    return { packages };
  },
};

/** Reads `poetry.lock` and `uv.lock` (`[[package]]` tables; uv's editable/virtual project entries left out). */
export const pythonLockCataloguer: Cataloguer = {
  name: 'poetry/uv lock',
  matches: (path) => baseName(path) === 'poetry.lock' || baseName(path) === 'uv.lock',
  parse(path, content) {
    const packages = tomlPackages(path, content.toString('utf8'))
      .filter((table) => !/^\{\s*(editable|virtual)\s*=/.test(table.get('source') ?? ''))
      .map((table) =>
        pkg('PyPI', normalizePypiName(table.get('name') ?? ''), table.get('version') ?? '', path),
      );
    return { packages };
  },
};

/** Reads installed distributions: `*.dist-info/METADATA` and `*.egg-info/PKG-INFO`. */
export const pythonMetadataCataloguer: Cataloguer = {
  name: 'python metadata',
  matches: (path) => /\.dist-info\/METADATA$/.test(path) || /\.egg-info\/PKG-INFO$/.test(path),
  parse(path, content) {
    const head = content.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
    const field = (key: string) => new RegExp(`^${key}:\\s*(.+)$`, 'mi').exec(head)?.[1]?.trim();
    const name = field('Name');
    const version = field('Version');
    if (!name || !version) throw new CatalogueParseError(path, 'has no Name: or Version: header');
    const license = field('License-Expression') ?? field('License');
    const licenses = license && license !== 'UNKNOWN' && license.length < 100 ? [license] : [];
    return { packages: [pkg('PyPI', normalizePypiName(name), version, path, { licenses })] };
  },
};
