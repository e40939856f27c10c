import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { formatDiagnostic } from '@slipway/core';
import { DEFAULT_CORPUS, lintCorpus } from './corpus';

const present = existsSync(DEFAULT_CORPUS);

test('every Argo example and smoke test lints clean; every lintfail file is rejected', {
  skip: present ? false : 'conformance corpus not present',
}, async () => {
  const results = await lintCorpus(DEFAULT_CORPUS);
  const failures = results
    .filter((r) => !r.ok)
    .map((r) =>
      r.expect === 'clean'
        ? `${r.file}: ${r.errors.map((e) => formatDiagnostic(e).split('\n')[0]).join('; ')}`
        : `${r.file}: not rejected`,
    );
  assert.deepEqual(failures, []);
  assert.ok(results.filter((r) => r.expect === 'clean').length > 200, 'the corpus has its examples');
  assert.ok(results.filter((r) => r.expect === 'rejected').length >= 4, 'the corpus has its invalid files');
});
