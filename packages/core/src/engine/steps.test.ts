import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeNamed, phases, runWorkflow, stateFromYaml } from './testing';

const STEPS = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: steps}
spec:
  entrypoint: hello-hello-hello
  templates:
  - name: hello-hello-hello
    steps:
    - - name: hello1
        template: print-message
        arguments: {parameters: [{name: message, value: hello1}]}
    - - name: hello2a
        template: print-message
        arguments: {parameters: [{name: message, value: hello2a}]}
      - name: hello2b
        template: print-message
        arguments: {parameters: [{name: message, value: hello2b}]}
  - name: print-message
    inputs: {parameters: [{name: message}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
`;

describe('steps', () => {
  test('groups run in order and their steps in parallel, named as Argo names them', () => {
    const { state, pods } = runWorkflow(stateFromYaml(STEPS), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(phases(state), {
      wf: 'Succeeded',
      'wf[0]': 'Succeeded',
      'wf[0].hello1': 'Succeeded',
      'wf[1]': 'Succeeded',
      'wf[1].hello2a': 'Succeeded',
      'wf[1].hello2b': 'Succeeded',
    });
    const root = nodeNamed(state, 'wf');
    assert.equal(root.type, 'Steps');
    assert.equal(root.templateName, 'hello-hello-hello');
    assert.equal(nodeNamed(state, 'wf[0]').type, 'StepGroup');
    assert.equal(nodeNamed(state, 'wf[0]').displayName, '[0]');
    const hello1 = nodeNamed(state, 'wf[0].hello1');
    assert.equal(hello1.type, 'Pod');
    assert.equal(hello1.displayName, 'hello1');
    assert.equal(hello1.boundaryID, 'wf');
    // The first group hangs off the Steps node, the next group off the previous group's steps.
    assert.deepEqual(root.children, [nodeNamed(state, 'wf[0]').id]);
    assert.deepEqual(hello1.children, [nodeNamed(state, 'wf[1]').id]);
    assert.deepEqual(root.outboundNodes, [
      nodeNamed(state, 'wf[1].hello2a').id,
      nodeNamed(state, 'wf[1].hello2b').id,
    ]);
    assert.deepEqual(
      pods.map((p) => p.template.container?.args),
      [['hello1'], ['hello2a'], ['hello2b']],
    );
    assert.equal(state.status.progress, '3/3');
    assert.equal(hello1.inputs?.parameters?.[0]?.value, 'hello1');
  });

  test('a failed step fails its group and the workflow with "child \'<id>\' failed"', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: fail}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: bad, template: fail}
      - {name: good, template: ok}
    - - {name: never, template: ok}
  - name: fail
    container: {image: alpine, command: [sh, -c], args: ["exit 3"]}
  - name: ok
    container: {image: alpine, command: [echo], args: [ok]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const bad = nodeNamed(state, 'wf[0].bad');
    assert.equal(bad.phase, 'Failed');
    assert.equal(bad.message, 'main: Error (exit code 3)');
    assert.equal(bad.outputs?.exitCode, '3');
    assert.equal(nodeNamed(state, 'wf[0].good').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[0]').message, `child '${bad.id}' failed`);
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, `child '${bad.id}' failed`);
    assert.equal(state.status.nodes[`wf-${'x'}`], undefined);
    assert.throws(() => nodeNamed(state, 'wf[1].never'));
  });

  test('when skips steps and continueOn lets a group succeed despite a failure', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cond}
spec:
  entrypoint: main
  arguments: {parameters: [{name: should-print, value: "false"}]}
  templates:
  - name: main
    steps:
    - - name: flip
        template: coin
    - - name: heads
        template: say
        when: "{{steps.flip.outputs.result}} == heads"
      - name: tails
        template: say
        when: "{{steps.flip.outputs.result}} == tails"
      - name: printed
        template: say
        when: "{{workflow.parameters.should-print}} == true"
      - name: tolerated
        template: boom
        continueOn: {failed: true}
  - name: coin
    script: {image: python, command: [python], source: "print('tails')"}
  - name: say
    container: {image: alpine, command: [echo], args: [hi]}
  - name: boom
    container: {image: alpine, command: [sh, -c], args: ["exit 1"]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml), { script: { coin: { result: 'tails' } } });
    assert.equal(state.status.phase, 'Succeeded');
    const heads = nodeNamed(state, 'wf[1].heads');
    assert.equal(heads.type, 'Skipped');
    assert.equal(heads.phase, 'Skipped');
    assert.equal(heads.message, "when 'tails == heads' evaluated false");
    assert.equal(nodeNamed(state, 'wf[1].tails').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[1].printed').message, "when 'false == true' evaluated false");
    assert.equal(nodeNamed(state, 'wf[1].tolerated').phase, 'Failed');
    assert.equal(nodeNamed(state, 'wf[1]').phase, 'Succeeded');
    // The coin's result is kept because the template reads steps.flip.outputs.result.
    assert.equal(nodeNamed(state, 'wf[0].flip').outputs?.result, 'tails');
  });

  test('nested steps templates get their own boundary', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: nested}
spec:
  entrypoint: outer
  templates:
  - name: outer
    steps:
    - - {name: inner, template: inner}
  - name: inner
    steps:
    - - {name: leaf, template: leaf}
  - name: leaf
    container: {image: alpine, command: [echo], args: [x]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const inner = nodeNamed(state, 'wf[0].inner');
    assert.equal(inner.type, 'Steps');
    const leaf = nodeNamed(state, 'wf[0].inner[0].leaf');
    assert.equal(leaf.boundaryID, inner.id);
    assert.equal(leaf.displayName, 'leaf');
    assert.equal(nodeNamed(state, 'wf[0].inner[0]').displayName, '[0]');
    assert.deepEqual(nodeNamed(state, 'wf').outboundNodes, [leaf.id]);
  });

  test('a step whose template errors before running errors its group', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: missing}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: needs-input}
  - name: needs-input
    inputs: {parameters: [{name: x}]}
    container: {image: alpine, command: [echo], args: ["{{inputs.parameters.x}}"]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const a = nodeNamed(state, 'wf[0].a');
    assert.equal(a.type, 'Skipped');
    assert.equal(a.phase, 'Error');
    assert.equal(a.message, 'inputs.parameters.x was not supplied');
    const group = nodeNamed(state, 'wf[0]');
    assert.equal(group.phase, 'Error');
    assert.equal(
      group.message,
      'step group deemed errored due to child wf[0].a error: inputs.parameters.x was not supplied',
    );
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, group.message);
  });
});
