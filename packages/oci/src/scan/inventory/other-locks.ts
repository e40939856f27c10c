import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { asObject, baseName, type Cataloguer, parseJsonFile, pkg } from './cataloguer';
import { tomlPackages } from './toml-packages';

/** Reads `Cargo.lock`: crates from a registry (the workspace's own crates have no `source`). */
export const cargoLockCataloguer: Cataloguer = {
  name: 'Cargo.lock',
  matches: (path) => baseName(path) === 'Cargo.lock',
  parse(path, content) {
    const packages = tomlPackages(path, content.toString('utf8'))
      .filter((table) => table.get('source')?.startsWith('registry+'))
      .map((table) => pkg('crates.io', table.get('name') ?? '', table.get('version') ?? '', path));
    return { packages };
  },
};

/** Reads the `GEM` specs of `Gemfile.lock` (`    name (version[-platform])`). */
export const gemfileLockCataloguer: Cataloguer = {
  name: 'Gemfile.lock',
  matches: (path) => baseName(path) === 'Gemfile.lock',
  parse(path, content) {
    const packages: Package[] = [];
    let section = '';
    let sawGem = false;
    for (const line of content.toString('utf8').split('\n')) {
      if (/^\S/.test(line)) {
        section = line.trim();
        sawGem ||= section === 'GEM';
        continue;
      }
      if (section !== 'GEM') continue;
      const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
      if (spec?.[1] && spec[2]) {
        const version = spec[2].replace(
          /-(?:x86|x64|arm|aarch|universal|java|mingw|mswin|darwin|linux).*$/,
          '',
        );
        packages.push(pkg('RubyGems', spec[1], version, path));
      }
    }
    if (!sawGem && content.toString('utf8').trim() !== '')
      throw new CatalogueParseError(path, 'has no GEM section');
    return { packages };
  },
};

/** Reads `composer.lock`: `packages` and `packages-dev`. */
export const composerLockCataloguer: Cataloguer = {
  name: 'composer.lock',
  matches: (path) => baseName(path) === 'composer.lock',
  parse(path, content) {
    const lock = asObject(path, parseJsonFile(path, content), 'composer.lock');
    const packages: Package[] = [];
    for (const key of ['packages', 'packages-dev']) {
      const list = lock[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) throw new CatalogueParseError(path, `\`${key}\` is not a list`);
      for (const item of list) {
        const entry = asObject(path, item, `an entry of \`${key}\``);
        if (typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
        const licenses = Array.isArray(entry.license)
          ? entry.license.filter((l) => typeof l === 'string')
          : [];
        packages.push(
          pkg('Packagist', entry.name, entry.version.replace(/^v(?=\d)/, ''), path, { licenses }),
        );
      }
    }
    return { packages };
  },
};
