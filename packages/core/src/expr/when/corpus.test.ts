import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { parseYaml } from '../../spec/yaml/parse-yaml';
import { CORPUS_DIR, corpusPresent, yamlFiles } from '../../testing/corpus';
import { checkWhenTemplate } from './template';

const ROOT = CORPUS_DIR;
const skip = corpusPresent ? false : `${ROOT} is not present`;

/** Every value under a `when` key anywhere in the file's documents. */
function whenValues(file: string): unknown[] {
  const found: unknown[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'when') found.push(child);
        visit(child);
      }
    }
  };
  for (const { contents } of parseYaml(file, readFileSync(file, 'utf8')).documents) visit(contents?.toJSON());
  return found;
}

describe('every `when` in the Argo corpus passes checkWhenTemplate', { skip }, () => {
  const files = skip ? [] : yamlFiles(ROOT);
  let total = 0;
  for (const file of files) {
    const values = whenValues(file);
    const lines = (readFileSync(file, 'utf8').match(/^\s*-?\s*when:/gm) ?? []).length;
    if (values.length === 0 && lines === 0) continue;
    total += values.length;
    test(relative(ROOT, file), () => {
      // Guards against YAML that failed to load silently hiding a `when`.
      assert.equal(values.length, lines, 'every `when:` line was read from the YAML');
      for (const value of values) {
        assert.equal(typeof value, 'string');
        const check = checkWhenTemplate(value as string);
        assert.ok(check.ok, check.ok ? '' : `${JSON.stringify(value)}: ${check.error.message}`);
      }
    });
  }
  test('the corpus holds a meaningful number of `when` expressions', () => {
    assert.ok(total >= 50, `found only ${total}`);
  });
});
