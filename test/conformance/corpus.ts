import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Diagnostic, lint, loadDocuments, readSources } from '@slipway/core';
import { CORPUS_DIR, yamlFiles } from '../../packages/core/src/testing/corpus';

/** How one corpus file fared against what a compatible linter must do with it. */
export interface CorpusFileResult {
  readonly file: string;
  readonly expect: 'clean' | 'rejected';
  readonly errors: Diagnostic[];
  readonly ok: boolean;
}

/** Default location of Argo's example corpus beside a clone of this repository. */
export const DEFAULT_CORPUS = CORPUS_DIR;

/**
 * Lints Argo's corpus: everything under `examples/` and `e2e/smoke/` (but `basic-invalid`) together, as one set
 * of files that may refer to each other, must give no error; each `e2e/lintfail/` file and `basic-invalid`
 * must be rejected on its own.
 */
export async function lintCorpus(root: string): Promise<CorpusFileResult[]> {
  const invalid = join(root, 'e2e', 'smoke', 'basic-invalid.yaml');
  const cleanFiles = [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'e2e', 'smoke'))].filter(
    (file) => file !== invalid,
  );
  const rejectFiles = [
    ...yamlFiles(join(root, 'e2e', 'lintfail')),
    ...(existsSync(invalid) ? [invalid] : []),
  ];
  const results: CorpusFileResult[] = [];
  const together = lint(loadDocuments(await readSources(cleanFiles)));
  for (const file of cleanFiles) {
    const errors = together.filter((d) => d.severity === 'error' && d.range.file === file);
    results.push({ file: relative(root, file), expect: 'clean', errors, ok: errors.length === 0 });
  }
  for (const file of rejectFiles) {
    const errors = lint(loadDocuments(await readSources([file]))).filter((d) => d.severity === 'error');
    results.push({ file: relative(root, file), expect: 'rejected', errors, ok: errors.length > 0 });
  }
  return results;
}
