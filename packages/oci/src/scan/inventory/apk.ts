import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { type Cataloguer, pkg } from './cataloguer';

/** Reads Alpine's installed database, `lib/apk/db/installed` (records of `X:value` lines, blank-separated). */
export const apkCataloguer: Cataloguer = {
  name: 'apk',
  matches: (path) => path === 'lib/apk/db/installed',
  parse(path, content) {
    const packages: Package[] = [];
    let fields = new Map<string, string>();
    let lineNo = 0;
    const flush = () => {
      if (fields.size === 0) return;
      const name = fields.get('P');
      const version = fields.get('V');
      if (!name || !version) {
        throw new CatalogueParseError(
          path,
          `the record ending at line ${lineNo} has no P: (name) or V: (version)`,
        );
      }
      const license = fields.get('L');
      packages.push(
        pkg('Alpine', name, version, path, {
          sourceName: fields.get('o') ?? name,
          ...(license ? { licenses: [license] } : {}),
        }),
      );
      fields = new Map();
    };
    for (const line of content.toString('utf8').split('\n')) {
      lineNo++;
      if (line.trim() === '') {
        flush();
        continue;
      }
      if (line[1] !== ':') throw new CatalogueParseError(path, `line ${lineNo} is not a \`X:value\` field`);
      const key = line[0] as string;
      // Per-file fields (F:, R:, Z:, …) repeat; only the package's own first ones matter.
      if (!fields.has(key)) fields.set(key, line.slice(2));
    }
    flush();
    return { packages };
  },
};
