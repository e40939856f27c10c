import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { parseYaml } from '../../spec/yaml/parse-yaml';
import { CORPUS_DIR, corpusPresent, yamlFiles } from '../../testing/corpus';
import { parseDepends } from './parser';
import { dependsTasks } from './tasks';

const ROOT = CORPUS_DIR;
const skip = corpusPresent ? false : `${ROOT} is not present`;

interface DagTask {
  readonly name?: unknown;
  readonly depends?: unknown;
}

/** Every DAG of the file, as the list of its tasks. */
function dags(file: string): DagTask[][] {
  const found: DagTask[][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const tasks = (value as { dag?: { tasks?: unknown } }).dag?.tasks;
      if (Array.isArray(tasks)) found.push(tasks as DagTask[]);
      Object.values(value).forEach(visit);
    }
  };
  for (const { contents } of parseYaml(file, readFileSync(file, 'utf8')).documents) visit(contents?.toJSON());
  return found;
}

describe('every `depends` in the Argo corpus parses and names tasks of its DAG', { skip }, () => {
  const files = skip ? [] : yamlFiles(ROOT);
  let total = 0;
  for (const file of files) {
    const lines = (readFileSync(file, 'utf8').match(/^\s*-?\s*depends:/gm) ?? []).length;
    if (lines === 0) continue;
    const fileDags = dags(file);
    test(relative(ROOT, file), () => {
      let seen = 0;
      for (const tasks of fileDags) {
        const names = new Set(tasks.map((task) => task.name));
        for (const task of tasks) {
          if (task.depends === undefined) continue;
          seen++;
          assert.equal(typeof task.depends, 'string');
          const ast = parseDepends(task.depends as string);
          for (const reference of dependsTasks(ast)) {
            assert.ok(names.has(reference.name), `${task.depends}: unknown task ${reference.name}`);
            const text = (task.depends as string).slice(
              reference.offset,
              reference.offset + reference.length,
            );
            assert.equal(text, reference.name);
          }
        }
      }
      // Guards against YAML that failed to load silently hiding a `depends`.
      assert.equal(seen, lines, 'every `depends:` line belongs to a DAG task that was read');
      total += seen;
    });
  }
  test('the corpus holds a meaningful number of `depends` expressions', () => {
    assert.ok(total >= 100, `found only ${total}`);
  });
});
