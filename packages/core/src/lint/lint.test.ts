import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { brief, lintTexts, workflow } from './testing/lint-text';

const echo = `    - name: echo
      inputs:
        parameters:
          - name: msg
      outputs:
        parameters:
          - name: out
            valueFrom: {path: /tmp/out}
      container:
        image: busybox:1.36
        args: ["{{inputs.parameters.msg}}"]
`;

function codes(text: string): string[] {
  return lintTexts({ 'w.yaml': text }).map((d) => d.code);
}

describe('structure', () => {
  test('a missing entrypoint is named, with a suggestion', () => {
    const d = lintTexts({ 'w.yaml': workflow(echo).replace('entrypoint: main', 'entrypoint: ecko') });
    const entry = d.find((x) => x.code === 'SLIPWAY_LINT_UNKNOWN_ENTRYPOINT');
    assert.ok(entry);
    assert.equal(entry.range.start.line, 6);
    assert.equal(entry.suggestion, 'did you mean `echo`?');
  });

  test('duplicate template names and templates without a type are errors', () => {
    const text = workflow(`    - name: main
      container: {image: busybox:1.36}
    - name: main
      container: {image: busybox:1.36}
    - name: empty
`);
    const found = codes(text);
    assert.ok(found.includes('SLIPWAY_LINT_DUPLICATE_TEMPLATE'));
    assert.ok(found.includes('SLIPWAY_LINT_TEMPLATE_TYPE'));
  });

  test('an unknown field gives its position and the field it most likely means', () => {
    const text = workflow(`    - name: main
      dag:
        tasks:
          - name: a
            template: echo
            arguments: {parameters: [{name: msg, value: hi}]}
          - name: b
            template: echo
            dependancies: [a]
            arguments: {parameters: [{name: msg, value: hi}]}
${echo}`);
    const d = lintTexts({ 'w.yaml': text }).find((x) => x.code === 'SLIPWAY_SPEC_UNKNOWN_FIELD');
    assert.ok(d);
    assert.equal(`${d.range.start.line}:${d.range.start.col}`, '16:13');
    assert.equal(d.message, 'unknown field `dependancies` in DAGTask');
    assert.equal(d.suggestion, 'did you mean `dependencies`?');
  });
});

describe('DAG', () => {
  test('cycles are shown with their path', () => {
    const text = workflow(`    - name: main
      dag:
        tasks:
          - {name: a, template: leaf, depends: c}
          - {name: b, template: leaf, depends: a}
          - {name: c, template: leaf, depends: b.Succeeded}
    - name: leaf
      container: {image: busybox:1.36}
`);
    const cycle = lintTexts({ 'w.yaml': text }).find((d) => d.code === 'SLIPWAY_LINT_DAG_CYCLE');
    assert.ok(cycle);
    assert.match(cycle.message, /a → c → b → a|b → a → c → b|c → b → a → c/);
  });

  test('unknown tasks in depends and dependencies, and both at once', () => {
    const text = workflow(`    - name: main
      dag:
        tasks:
          - {name: build, template: leaf}
          - {name: scan, template: leaf, depends: biuld.Succeeded}
          - {name: push, template: leaf, dependencies: [scna]}
          - {name: both, template: leaf, depends: build, dependencies: [build]}
    - name: leaf
      container: {image: busybox:1.36}
`);
    const d = lintTexts({ 'w.yaml': text });
    const unknown = d.filter((x) => x.code === 'SLIPWAY_LINT_UNKNOWN_TASK');
    assert.deepEqual(
      unknown.map((x) => [x.range.start.line, x.range.start.col, x.suggestion]),
      [
        [12, 51, 'did you mean `build`?'],
        [13, 57, 'did you mean `scan`?'],
      ],
    );
    assert.ok(d.some((x) => x.code === 'SLIPWAY_LINT_DEPENDS_AND_DEPENDENCIES'));
  });

  test('a task reading a task that is not its ancestor is an error that says to add the dependency', () => {
    const text = workflow(`    - name: main
      dag:
        tasks:
          - name: a
            template: echo
            arguments: {parameters: [{name: msg, value: hi}]}
          - name: b
            template: echo
            arguments: {parameters: [{name: msg, value: "{{tasks.a.outputs.parameters.out}}"}]}
${echo}`);
    const d = lintTexts({ 'w.yaml': text }).find((x) => x.code === 'SLIPWAY_LINT_UNRESOLVED_VARIABLE');
    assert.ok(d);
    assert.match(d.message, /not a dependency of `b`; add it to `depends`/);
    assert.equal(d.range.start.line, 16);
  });
});

describe('variables', () => {
  test('undeclared inputs, workflow parameters, outputs and item outside loops are errors', () => {
    const text = workflow(
      `    - name: main
      steps:
        - - name: first
            template: echo
            arguments:
              parameters:
                - {name: msg, value: "{{workflow.parameters.greting}}"}
        - - name: second
            template: echo
            arguments:
              parameters:
                - {name: msg, value: "{{steps.first.outputs.parameters.result}} {{item}} {{inputs.parameters.nope}}"}
${echo}`,
      `  arguments:
    parameters:
      - {name: greeting, value: hi}
`,
    );
    const d = lintTexts({ 'w.yaml': text }).filter((x) => x.code === 'SLIPWAY_LINT_UNRESOLVED_VARIABLE');
    assert.deepEqual(
      d.map((x) => [x.range.start.line, x.suggestion ?? '']),
      [
        [17, 'did you mean `greeting`?'],
        [22, ''],
        [22, ''],
        [22, ''],
      ],
    );
    assert.match(d[1]!.message, /declares no output parameter `result`/);
    assert.match(d[2]!.message, /only defined in a step or task with `withItems`/);
  });

  test('steps may only read earlier step groups', () => {
    const text = workflow(`    - name: main
      steps:
        - - name: a
            template: echo
            arguments: {parameters: [{name: msg, value: "{{steps.b.outputs.parameters.out}}"}]}
          - name: b
            template: echo
            arguments: {parameters: [{name: msg, value: x}]}
${echo}`);
    const d = lintTexts({ 'w.yaml': text }).find((x) => x.code === 'SLIPWAY_LINT_UNRESOLVED_VARIABLE');
    assert.ok(d);
    assert.match(d.message, /same step group/);
  });

  test('loop items: keys of map items are known', () => {
    const text = workflow(`    - name: main
      steps:
        - - name: each
            template: echo
            withItems: [{os: linux, arch: amd64}, {os: darwin, arch: arm64}]
            arguments: {parameters: [{name: msg, value: "{{item.os}}-{{item.archh}}"}]}
${echo}`);
    const d = lintTexts({ 'w.yaml': text }).filter((x) => x.code === 'SLIPWAY_LINT_UNRESOLVED_VARIABLE');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.suggestion, 'did you mean `arch`?');
  });
});

describe('arguments', () => {
  test('undeclared arguments warn; required inputs not passed are errors', () => {
    const text = workflow(`    - name: main
      steps:
        - - name: a
            template: echo
            arguments: {parameters: [{name: mgs, value: hi}]}
${echo}`);
    const d = lintTexts({ 'w.yaml': text });
    const undeclared = d.find((x) => x.code === 'SLIPWAY_LINT_UNDECLARED_ARGUMENT');
    assert.equal(undeclared?.severity, 'warning');
    assert.equal(undeclared?.suggestion, 'did you mean `msg`?');
    assert.ok(d.some((x) => x.code === 'SLIPWAY_LINT_MISSING_ARGUMENT' && x.severity === 'error'));
  });
});

describe('traps', () => {
  test('image without tag or with latest warns; pinned does not', () => {
    const text = workflow(`    - name: main
      steps:
        - - {name: a, template: x}
          - {name: b, template: y}
          - {name: c, template: z}
    - {name: x, container: {image: alpine}}
    - {name: y, container: {image: "alpine:latest"}}
    - {name: z, container: {image: "alpine:3.19"}}
`);
    const d = lintTexts({ 'w.yaml': text }).filter((x) => x.code === 'SLIPWAY_LINT_IMAGE_TAG');
    assert.deepEqual(brief(d), ['13:36 SLIPWAY_LINT_IMAGE_TAG', '14:36 SLIPWAY_LINT_IMAGE_TAG']);
  });
});

describe('one mistake, one message', () => {
  test('an entrypoint of the wrong type is reported as such, not also as missing', () => {
    const text = workflow('    - name: main\n      container: {image: "busybox:1.36"}\n').replace(
      'entrypoint: main',
      'entrypoint: [main]',
    );
    assert.deepEqual(brief(lintTexts({ 'w.yaml': text })), ['6:15 SLIPWAY_SPEC_TYPE']);
  });
});
