import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import picomatch from 'picomatch';

/** Decides whether a context path (`src/app.ts`, no leading `/`) is left out by `.dockerignore`. */
export type IgnoreMatcher = (path: string) => boolean;

interface Rule {
  readonly negated: boolean;
  readonly match: (path: string) => boolean;
}

function parentsAndSelf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Compiles `.dockerignore` text: `#` comments, `!` exceptions, globs with `**`; a matching directory covers its content. */
export function compileDockerignore(text: string): IgnoreMatcher {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = posix.normalize(negated ? line.slice(1).trim() : line).replace(/^\/+|\/+$/g, '');
    if (pattern === '' || pattern === '.') continue;
    const match = picomatch(pattern, { dot: true });
    rules.push({ negated, match });
  }
  if (rules.length === 0) return () => false;
  return (path) => {
    let ignored = false;
    const candidates = parentsAndSelf(path);
    for (const rule of rules) {
      if (rule.negated ? rule.match(path) : candidates.some((candidate) => rule.match(candidate))) {
        ignored = !rule.negated;
      }
    }
    return ignored;
  };
}

/** Reads `.dockerignore` at the root of a context directory (no file: nothing is ignored). */
export async function readDockerignore(contextDir: string): Promise<IgnoreMatcher> {
  const text = await readFile(join(contextDir, '.dockerignore'), 'utf8').catch(() => '');
  return compileDockerignore(text);
}
