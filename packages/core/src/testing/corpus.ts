// For tests: where Argo's conformance corpus is (`../shared/conformance/argo` beside the repository, or
// SLIPWAY_CONFORMANCE_DIR), and its YAML files. Tests that read it skip when it is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** The `argo` folder of the conformance corpus. */
export const CORPUS_DIR = join(
  process.env.SLIPWAY_CONFORMANCE_DIR ?? join(repositoryRoot, '..', 'shared', 'conformance'),
  'argo',
);

/** Whether the corpus is present. */
export const corpusPresent = existsSync(CORPUS_DIR);

/** Every `.yaml`/`.yml` file under `dir`, in name order (none when `dir` is absent). */
export function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}
