import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { baseName, type Cataloguer, pkg } from './cataloguer';

/** Reads the `require` directives of `go.mod` (single lines and blocks). */
export const goModCataloguer: Cataloguer = {
  name: 'go.mod',
  matches: (path) => baseName(path) === 'go.mod',
  parse(path, content) {
    const packages: Package[] = [];
    let inRequire = false;
    let sawModule = false;
    for (const raw of content.toString('utf8').split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (line.startsWith('module ')) sawModule = true;
      if (inRequire) {
        if (line === ')') inRequire = false;
        else addRequire(line);
        continue;
      }
      if (line === 'require (') inRequire = true;
      else if (line.startsWith('require ')) addRequire(line.slice(8).trim());
    }
    if (!sawModule) throw new CatalogueParseError(path, 'has no `module` directive');
    return { packages };

    function addRequire(spec: string): void {
      const m = /^(\S+)\s+(v\S+)$/.exec(spec);
      if (m?.[1] && m[2]) packages.push(pkg('Go', m[1], m[2], path));
    }
  },
};

/** Reads `go.sum`: modules whose source was downloaded (lines without the `/go.mod` suffix). */
export const goSumCataloguer: Cataloguer = {
  name: 'go.sum',
  matches: (path) => baseName(path) === 'go.sum',
  parse(path, content) {
    const packages: Package[] = [];
    let lineNo = 0;
    for (const line of content.toString('utf8').split('\n')) {
      lineNo++;
      if (line.trim() === '') continue;
      const m = /^(\S+)\s+(v[^\s/]+)(\/go\.mod)?\s+h\d+:\S+$/.exec(line.trim());
      if (!m) throw new CatalogueParseError(path, `line ${lineNo} is not \`module version hash\``);
      if (m[1] && m[2] && !m[3]) packages.push(pkg('Go', m[1], m[2], path));
    }
    return { packages };
  },
};
