import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CORPUS_DIR, corpusPresent, yamlFiles } from '../../testing/corpus';
import { scanTemplate } from '../tags/scan';
import { ExprEvalError } from './errors';
import { evaluate } from './evaluate';
import { parseExpression } from './parser';
import { isMap, mapGet } from './values';
import { referencedVariables } from './variables';

const CORPUS = CORPUS_DIR;

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      strings(item, out);
    }
  }
  return out;
}

/** Workflow-level variables a document defines itself: its arguments and fixed workflow metadata. */
function documentEnv(doc: unknown): Record<string, unknown> {
  const spec = isMap(doc) && isMap(doc.spec) ? doc.spec : {};
  const workflowSpec = isMap(spec.workflowSpec) ? spec.workflowSpec : spec;
  const args = isMap(workflowSpec.arguments) ? workflowSpec.arguments.parameters : undefined;
  const parameters: Record<string, unknown> = {};
  if (Array.isArray(args)) {
    for (const p of args)
      if (isMap(p) && typeof p.name === 'string' && p.value !== undefined)
        parameters[p.name] = String(p.value);
  }
  return {
    workflow: {
      parameters,
      name: 'corpus-wf',
      namespace: 'argo',
      status: 'Succeeded',
      creationTimestamp: '2024-01-01T00:00:00Z',
    },
  };
}

function resolvable(env: Record<string, unknown>, path: readonly string[]): boolean {
  let current: unknown = env;
  for (const part of path) {
    if (!isMap(current)) return false;
    const hit = mapGet(current, part);
    if (!hit.found) return false;
    current = hit.value;
  }
  return true;
}

/** Expressions that fail in Argo too with the example's own arguments (the example guards them with `when`). */
const EXPECTED_FAILURES = new Set(["jsonpath(workflow.parameters.data, '$.id')"]);

test('every {{= … }} expression in the Argo corpus parses, and those over known variables evaluate', {
  skip: corpusPresent ? false : `${CORPUS} is not present`,
}, () => {
  let found = 0;
  let evaluated = 0;
  const parseFailures: string[] = [];
  const evalFailures: string[] = [];
  for (const file of yamlFiles(CORPUS)) {
    const source = readFileSync(file, 'utf8');
    for (const document of parseAllDocuments(source)) {
      if (!('errors' in document) || document.errors.length > 0) {
        // A few corpus files are not valid YAML; none may hide an expression from this test.
        if (source.includes('{{=')) parseFailures.push(`${file}: invalid YAML containing {{=`);
        continue;
      }
      const doc: unknown = document.toJS({ maxAliasCount: -1 });
      const env = documentEnv(doc);
      for (const text of strings(doc, [])) {
        for (const tag of scanTemplate(text).tags) {
          if (tag.kind !== 'expression') continue;
          found++;
          let ast: ReturnType<typeof parseExpression>;
          try {
            ast = parseExpression(tag.inner);
          } catch (error) {
            parseFailures.push(`${file}: ${tag.raw}: ${(error as Error).message}`);
            continue;
          }
          const refs = referencedVariables(ast);
          if (refs.length === 0 || !refs.every((ref) => resolvable(env, ref.path))) continue;
          evaluated++;
          try {
            evaluate(ast, env, { now: () => new Date('2025-01-01T00:00:00Z') });
          } catch (error) {
            assert.ok(error instanceof ExprEvalError, `${tag.raw} threw ${String(error)}`);
            if (!EXPECTED_FAILURES.has(tag.inner.trim()))
              evalFailures.push(`${file}: ${tag.raw}: ${error.message}`);
          }
        }
      }
    }
  }
  assert.deepEqual(parseFailures, []);
  assert.deepEqual(evalFailures, []);
  assert.ok(found >= 25, `only ${found} expression tags found in the corpus`);
  assert.ok(evaluated >= 10, `only ${evaluated} expressions had all their variables known`);
});
