import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { dockerRegistrySkip } from '../../../packages/oci/src/testing/registry';
import { classifyCorpus } from './classify';
import { runCases } from './run-conformance';
import { DEBIAN_PROGRAMS } from './stand-ins/build-images';

const STEPS = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: stand-ins-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: write, template: write}
      - {name: py, template: py}
      - {name: whale, template: whale}
    - - name: check
        template: check
        arguments:
          parameters:
          - {name: said, value: "{{steps.write.outputs.parameters.said}}"}
          - {name: sum, value: "{{steps.py.outputs.result}}"}
          - {name: whale, value: "{{steps.whale.outputs.result}}"}
    - - {name: approve, template: approve}
  - name: write
    container:
      image: argoproj/argosay:v2
      args: [echo, "made by argosay", /tmp/out/said.txt]
    outputs:
      parameters:
      - {name: said, valueFrom: {path: /tmp/out/said.txt}}
  - name: py
    script:
      image: python:alpine3.23
      command: [python]
      source: |
        import json
        print(sum(json.loads("[20, 22]")))
  - name: whale
    container:
      image: docker/whalesay
      command: [cowsay, moo]
  - name: check
    inputs:
      parameters: [{name: said}, {name: sum}, {name: whale}]
    script:
      image: debian:12
      command: [bash]
      source: |
        [[ "{{inputs.parameters.said}}" == "made by argosay" ]] || exit 11
        [[ "{{inputs.parameters.sum}}" == 42 ]] || exit 12
        [[ "{{inputs.parameters.whale}}" == *"< moo >"* ]] || exit 13
  - name: approve
    suspend: {}
`;

const FAILS = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: exits-three
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: argoproj/argosay:v2
      args: [exit, "3"]
`;

const NEEDS_S3 = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: s3-
spec:
  entrypoint: main
  templates:
  - name: main
    container: {image: alpine:3.23, command: ["true"]}
    outputs:
      artifacts:
      - name: out
        path: /tmp
        s3: {bucket: b, key: k}
`;

function writeCorpus(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-conformance-corpus-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const available =
  dockerRegistrySkip() === false &&
  existsSync('/usr/bin/bwrap') &&
  Object.values(DEBIAN_PROGRAMS).every((path) => existsSync(path));

// The machinery needs a registry, bubblewrap and the host programs the stand-ins copy: registered only then.
if (available) {
  describe('the conformance runner, on workflows written here', () => {
    test('stand-ins run what the steps call; suspends are resumed; failures and needs are told apart', async (t) => {
      const root = writeCorpus({
        'examples/stand-ins.yaml': STEPS,
        'examples/needs-s3.yaml': NEEDS_S3,
        'e2e/expectedfailures/exits-three.yaml': FAILS,
      });
      t.after(() => rmSync(root, { recursive: true, force: true }));
      const classified = await classifyCorpus(root);
      assert.deepEqual(
        classified.excluded.map((e) => [e.id, e.reason]),
        [['examples/needs-s3.yaml', 'needs an artifact repository (S3)']],
      );
      const report = await runCases(classified, { timeoutMs: 60_000, concurrency: 2 });
      const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
      const steps = byId['examples/stand-ins.yaml'];
      assert.equal(steps?.outcome.phase, 'Succeeded', JSON.stringify(steps?.outcome));
      assert.equal(steps?.passed, true);
      const fails = byId['e2e/expectedfailures/exits-three.yaml'];
      assert.equal(fails?.expect, 'Failed');
      assert.equal(fails?.outcome.phase, 'Failed');
      assert.match(fails?.outcome.failedNodes[0] ?? '', /exits-three \(Failed\).*exit code 3/);
      assert.equal(fails?.passed, true);
    });
  });
}
