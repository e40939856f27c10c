import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { asObject, baseName, type Cataloguer, parseJsonFile, pkg } from './cataloguer';

function fromLockPackages(path: string, packages: Record<string, unknown>): Package[] {
  const found: Package[] = [];
  for (const [key, value] of Object.entries(packages)) {
    if (key === '') continue;
    const entry = asObject(path, value, `packages["${key}"]`);
    if (entry.link === true || typeof entry.version !== 'string') continue;
    const name =
      typeof entry.name === 'string' ? entry.name : key.slice(key.lastIndexOf('node_modules/') + 13);
    // Workspace members are the project's own code, not installed packages.
    if (!key.includes('node_modules/')) continue;
    found.push(pkg('npm', name, entry.version, path));
  }
  return found;
}

function fromLockDependencies(path: string, dependencies: Record<string, unknown>, into: Package[]): void {
  for (const [name, value] of Object.entries(dependencies)) {
    const entry = asObject(path, value, `dependencies["${name}"]`);
    if (typeof entry.version === 'string' && !entry.version.startsWith('file:')) {
      into.push(pkg('npm', name, entry.version, path));
    }
    if (entry.dependencies) fromLockDependencies(path, asObject(path, entry.dependencies, name), into);
  }
}

/** Reads `package-lock.json` / `npm-shrinkwrap.json`, lockfile versions 1 (`dependencies`) to 3 (`packages`). */
export const packageLockCataloguer: Cataloguer = {
  name: 'npm package-lock',
  matches: (path) =>
    (baseName(path) === 'package-lock.json' || baseName(path) === 'npm-shrinkwrap.json') &&
    !path.includes('node_modules/'),
  parse(path, content) {
    const lock = asObject(path, parseJsonFile(path, content), 'the lockfile');
    if (lock.packages !== undefined) {
      return { packages: fromLockPackages(path, asObject(path, lock.packages, '`packages`')) };
    }
    if (lock.dependencies !== undefined) {
      const packages: Package[] = [];
      fromLockDependencies(path, asObject(path, lock.dependencies, '`dependencies`'), packages);
      return { packages };
    }
    throw new CatalogueParseError(path, 'has neither `packages` nor `dependencies`');
  },
};

/** The package name of a yarn.lock key such as `"@scope/a@^1.0.0", "@scope/a@npm:^1.1"`. */
function yarnKeyName(key: string): string | undefined {
  const first = key.split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
  const at = first.indexOf('@', 1);
  return at > 0 ? first.slice(0, at) : undefined;
}

/** Reads `yarn.lock`, both the v1 format and Berry's YAML (`version: x`). */
export const yarnLockCataloguer: Cataloguer = {
  name: 'yarn.lock',
  matches: (path) => baseName(path) === 'yarn.lock' && !path.includes('node_modules/'),
  parse(path, content) {
    const packages: Package[] = [];
    let name: string | undefined;
    let lineNo = 0;
    for (const line of content.toString('utf8').split('\n')) {
      lineNo++;
      if (line.trim() === '' || line.startsWith('#')) continue;
      if (!line.startsWith(' ')) {
        if (!line.trimEnd().endsWith(':')) {
          throw new CatalogueParseError(path, `line ${lineNo} is not an entry header (\`name@range:\`)`);
        }
        name = line.startsWith('__metadata') ? undefined : yarnKeyName(line.trimEnd().slice(0, -1));
        continue;
      }
      const version = /^ {2}version:? "?([^"\s]+)"?/.exec(line);
      if (version?.[1] && name) {
        // Berry lists workspaces and patches with non-registry versions (`0.0.0-use.local`).
        if (!line.includes('use.local')) packages.push(pkg('npm', name, version[1], path));
        name = undefined;
      }
    }
    return { packages };
  },
};

/** Reads `pnpm-lock.yaml` package keys: `/name/1.0.0` (v5), `/name@1.0.0` (v6), `name@1.0.0` (v9). */
export const pnpmLockCataloguer: Cataloguer = {
  name: 'pnpm-lock',
  matches: (path) => baseName(path) === 'pnpm-lock.yaml' && !path.includes('node_modules/'),
  parse(path, content) {
    const text = content.toString('utf8');
    if (!/^lockfileVersion:/m.test(text)) throw new CatalogueParseError(path, 'has no `lockfileVersion:`');
    const packages: Package[] = [];
    let inPackages = false;
    for (const line of text.split('\n')) {
      if (/^\S/.test(line)) {
        inPackages = line.startsWith('packages:');
        continue;
      }
      if (!inPackages) continue;
      const key = /^ {2}['"]?\/?((?:@[^/@\s]+\/)?[^/@\s'"]+)[@/]([^:()\s'"_]+)/.exec(line);
      if (key?.[1] && key[2]) packages.push(pkg('npm', key[1], key[2], path));
    }
    return { packages };
  },
};

/** Reads `node_modules/**\/package.json` of installed packages. */
export const nodeModulesCataloguer: Cataloguer = {
  name: 'node_modules',
  matches: (path) => /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/.test(path),
  parse(path, content) {
    const manifest = asObject(path, parseJsonFile(path, content), 'package.json');
    if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') return { packages: [] };
    const license = typeof manifest.license === 'string' ? [manifest.license] : [];
    return { packages: [pkg('npm', manifest.name, manifest.version, path, { licenses: license })] };
  },
};
