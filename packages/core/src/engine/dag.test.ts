import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeNamed, phases, runWorkflow, stateFromYaml } from './testing';

const ECHO = `
  - name: echo
    inputs: {parameters: [{name: message}]}
    container: {image: alpine, command: [echo], args: ["{{inputs.parameters.message}}"]}
  - name: pass
    container: {image: busybox, command: [sh, -c, exit 0]}
  - name: fail
    container: {image: busybox, command: [sh, -c, exit 1]}
`;

function wf(dag: string, extra = ''): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: dag}
spec:
  entrypoint: main
${extra}
  templates:
  - name: main
    dag:
${dag}
${ECHO}`;
}

describe('dag', () => {
  test('diamond: tasks run as soon as their dependencies succeed', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: echo, arguments: {parameters: [{name: message, value: A}]}}
      - {name: B, depends: A, template: echo, arguments: {parameters: [{name: message, value: B}]}}
      - {name: C, depends: A, template: echo, arguments: {parameters: [{name: message, value: C}]}}
      - {name: D, depends: B && C, template: echo, arguments: {parameters: [{name: message, value: D}]}}`);
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(phases(state), {
      wf: 'Succeeded',
      'wf.A': 'Succeeded',
      'wf.B': 'Succeeded',
      'wf.C': 'Succeeded',
      'wf.D': 'Succeeded',
    });
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      ['A', 'B', 'C', 'D'],
    );
    const [a, b, c, d] = ['wf.A', 'wf.B', 'wf.C', 'wf.D'].map((n) => nodeNamed(state, n));
    assert.equal(nodeNamed(state, 'wf').type, 'DAG');
    assert.deepEqual(nodeNamed(state, 'wf').children, [a?.id]);
    assert.deepEqual(a?.children, [b?.id, c?.id]);
    assert.deepEqual(b?.children, [d?.id]);
    assert.deepEqual(c?.children, [d?.id]);
    assert.deepEqual(nodeNamed(state, 'wf').outboundNodes, [d?.id]);
    assert.equal(d?.displayName, 'D');
    assert.equal(d?.boundaryID, 'wf');
    // B and C start at the same (fake) second, after A's second.
    assert.equal(b?.startedAt, '2024-01-01T00:00:01Z');
    assert.equal(d?.startedAt, '2024-01-01T00:00:02Z');
  });

  test('enhanced depends: results, || and &&, and Omitted tasks', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - {name: B, depends: A, template: pass}
      - {name: C, depends: A, template: fail}
      - {name: should-execute-1, depends: "A && (C.Succeeded || C.Failed)", template: pass}
      - {name: should-execute-2, depends: B || C, template: pass}
      - {name: should-not-execute, depends: B && C, template: pass}
      - {name: should-execute-3, depends: should-execute-2.Succeeded || should-not-execute, template: pass}`);
    const { state } = runWorkflow(stateFromYaml(yaml));
    const omitted = nodeNamed(state, 'wf.should-not-execute');
    assert.equal(omitted.type, 'Skipped');
    assert.equal(omitted.phase, 'Omitted');
    assert.equal(omitted.message, 'omitted: depends condition not met');
    assert.equal(nodeNamed(state, 'wf.should-execute-1').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.should-execute-2').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.should-execute-3').phase, 'Succeeded');
    // C failed, but the targets (the leaves) succeeded: Argo's DAG phase comes from its targets' branches.
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('a failing branch fails the DAG with no message, and omits what depends on it', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - {name: B, depends: A, template: fail}
      - {name: C, depends: A, template: pass}
      - {name: D, depends: B && C, template: pass}`);
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(nodeNamed(state, 'wf.B').phase, 'Failed');
    assert.equal(nodeNamed(state, 'wf.D').phase, 'Omitted');
    assert.equal(nodeNamed(state, 'wf').phase, 'Failed');
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, undefined);
  });

  test('continueOn: a tolerated failure lets dependants run and the DAG succeed', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - {name: B, dependencies: [A], template: fail, continueOn: {failed: true}}
      - {name: C, dependencies: [B], template: pass}`);
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(nodeNamed(state, 'wf.B').phase, 'Failed');
    assert.equal(nodeNamed(state, 'wf.C').phase, 'Succeeded');
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('dag-continue-on-fail: handlers on .Failed run, the unhandled branch fails the workflow', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - {name: B, depends: "A", template: fail}
      - {name: C, depends: "A", template: pass}
      - {name: D, depends: "B.Failed && C", template: pass}
      - {name: E, depends: "A", template: fail}
      - {name: F, depends: "A", template: pass}
      - {name: G, depends: "E && F", template: pass}`);
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(nodeNamed(state, 'wf.D').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.G').phase, 'Omitted');
    assert.equal(state.status.phase, 'Failed');
  });

  test('dag.target runs only what the targets need', () => {
    const yaml = wf(
      `
      target: "{{workflow.parameters.target}}"
      tasks:
      - {name: A, template: pass}
      - {name: B, depends: A, template: pass}
      - {name: C, depends: A, template: pass}
      - {name: D, depends: B && C, template: pass}
      - {name: E, depends: C, template: pass}`,
      '  arguments: {parameters: [{name: target, value: E}]}',
    );
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.deepEqual(Object.keys(phases(state)).sort(), ['wf', 'wf.A', 'wf.C', 'wf.E']);
    assert.equal(state.status.phase, 'Succeeded');
    const other = runWorkflow(stateFromYaml(yaml, { parameters: { target: 'B E' } })).state;
    assert.deepEqual(Object.keys(phases(other)).sort(), ['wf', 'wf.A', 'wf.B', 'wf.C', 'wf.E']);
  });

  test('failFast (default): no new task starts once a target branch failed', () => {
    // C fails (retries exhausted) while B runs; D and E wait for B and never start.
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - {name: B, depends: A, template: slow}
      - {name: C, depends: A, template: fail}
      - {name: D, depends: B, template: pass}
      - {name: E, depends: D, template: pass}`).replace(
      '  - name: pass',
      '  - name: slow\n    container: {image: busybox, command: [sh, -c, "sleep 30"]}\n  - name: pass',
    );
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(nodeNamed(state, 'wf.B').phase, 'Succeeded');
    assert.throws(() => nodeNamed(state, 'wf.D'));
    assert.equal(state.status.phase, 'Failed');
    const relaxed = runWorkflow(
      stateFromYaml(yaml.replace('    dag:\n', '    dag:\n      failFast: false\n')),
    ).state;
    assert.equal(nodeNamed(relaxed, 'wf.E').phase, 'Succeeded');
    assert.equal(relaxed.status.phase, 'Failed');
  });

  test('outputs of a DAG template come from its tasks; dependants read tasks.X outputs', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: out}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: inner, template: inner}
    - - name: print
        template: echo
        arguments: {parameters: [{name: message, value: "{{steps.inner.outputs.parameters.word}}"}]}
  - name: inner
    outputs:
      parameters:
      - name: word
        valueFrom: {parameter: "{{tasks.gen.outputs.parameters.word}}"}
      - name: upper
        valueFrom: {expression: "sprig.upper(tasks.gen.outputs.result)"}
    dag:
      tasks:
      - {name: gen, template: gen}
      - name: use
        depends: gen
        template: echo
        arguments: {parameters: [{name: message, value: "got {{tasks.gen.outputs.result}} at {{tasks.gen.status}}"}]}
  - name: gen
    outputs: {parameters: [{name: word, valueFrom: {path: /tmp/word}}]}
    container: {image: alpine, command: [sh, -c], args: ["echo -n bird > /tmp/word; echo hello"]}
${ECHO}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[0].inner.gen').outputs?.result, 'hello');
    assert.deepEqual(nodeNamed(state, 'wf[0].inner').outputs?.parameters, [
      { name: 'word', value: 'bird' },
      { name: 'upper', value: 'HELLO' },
    ]);
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      ['echo -n bird > /tmp/word; echo hello', 'got hello at Succeeded', 'bird'],
    );
  });

  test('a task referencing an output that does not exist errors instead of waiting forever', () => {
    const yaml = wf(`
      tasks:
      - {name: A, template: pass}
      - name: B
        depends: A
        template: echo
        arguments: {parameters: [{name: message, value: "{{tasks.A.outputs.parameters.nope}}"}]}`);
    const { state } = runWorkflow(stateFromYaml(yaml));
    const b = nodeNamed(state, 'wf.B');
    assert.equal(b.phase, 'Error');
    assert.equal(b.message, 'failed to resolve {{tasks.A.outputs.parameters.nope}}');
    assert.equal(state.status.phase, 'Error');
  });
});
