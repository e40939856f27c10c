import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeNamed, phases, runWorkflow, stateFromYaml } from './testing';

const ECHO = `
  - name: echo
    inputs: {parameters: [{name: message}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
  - name: fail
    container: {image: busybox, command: [sh, -c], args: ["exit 1"]}
  - name: ok
    container: {image: busybox, command: [sh, -c], args: ["exit 0"]}
`;

describe('workflow exit handler', () => {
  test('runs after the main tree with workflow.status and workflow.failures', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: exit}
spec:
  entrypoint: intentional-fail
  onExit: exit-handler
  templates:
  - name: intentional-fail
    container: {image: alpine, command: [sh, -c], args: ["echo intentional failure; exit 1"]}
  - name: exit-handler
    steps:
    - - name: notify
        template: echo
        arguments: {parameters: [{name: message, value: "{{workflow.name}} {{workflow.status}} {{workflow.duration}} {{workflow.failures}}"}]}
      - {name: celebrate, template: ok, when: "{{workflow.status}} == Succeeded"}
      - {name: cry, template: ok, when: "{{workflow.status}} != Succeeded"}
${ECHO}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, 'main: Error (exit code 1)');
    const exit = nodeNamed(state, 'wf.onExit');
    assert.equal(exit.type, 'Steps');
    assert.equal(exit.phase, 'Succeeded');
    assert.deepEqual(exit.nodeFlag, { hooked: true });
    assert.equal(exit.boundaryID, undefined);
    assert.equal(nodeNamed(state, 'wf.onExit[0].celebrate').phase, 'Skipped');
    assert.equal(nodeNamed(state, 'wf.onExit[0].cry').phase, 'Succeeded');
    const failures =
      '"[{\\"displayName\\":\\"wf\\",\\"message\\":\\"main: Error (exit code 1)\\",\\"templateName\\":\\"intentional-fail\\",' +
      '\\"phase\\":\\"Failed\\",\\"podName\\":\\"wf\\",\\"finishedAt\\":\\"2024-01-01T00:00:01Z\\"}]"';
    assert.equal(pods[1]?.template.container?.args?.[0], `wf Failed 1.000000 ${failures}`);
    assert.equal(state.status.finishedAt, '2024-01-01T00:00:02Z');
  });

  test('a failing exit handler fails a workflow that succeeded', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: exitfail}
spec:
  entrypoint: ok
  hooks:
    exit: {template: fail}
  templates:
${ECHO}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(nodeNamed(state, 'wf').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.onExit').phase, 'Failed');
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, 'main: Error (exit code 1)');
  });
});

describe('step and task exit handlers', () => {
  test('steps: hooks.exit and onExit run after their step; the group waits for them', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: stepexit}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: step-1
        template: output
        hooks:
          exit:
            template: echo
            arguments: {parameters: [{name: message, value: "{{steps.step-1.outputs.parameters.result}}"}]}
    - - {name: step-2, template: ok, onExit: ok}
  - name: output
    container: {image: alpine, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt"]}
    outputs:
      parameters:
      - {name: result, valueFrom: {default: Foobar, path: /tmp/hello_world.txt}}
${ECHO}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    const step1 = nodeNamed(state, 'wf[0].step-1');
    const exit1 = nodeNamed(state, 'wf[0].step-1.onExit');
    assert.equal(exit1.displayName, 'step-1.onExit');
    assert.equal(exit1.boundaryID, 'wf');
    assert.deepEqual(exit1.nodeFlag, { hooked: true });
    assert.equal(step1.children?.[0], exit1.id);
    // The next group starts only after the exit handler (1 s pod) finished.
    assert.equal(nodeNamed(state, 'wf[1].step-2').startedAt, '2024-01-01T00:00:02Z');
    assert.equal(pods[1]?.template.container?.args?.[0], 'hello world');
    assert.equal(nodeNamed(state, 'wf[1].step-2.onExit').phase, 'Succeeded');
  });

  test('dag: each task runs its exit handler before its dependants start', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: dagexit}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: A, onExit: ok, template: echo, arguments: {parameters: [{name: message, value: A}]}}
      - {name: B, depends: A, onExit: ok, template: echo, arguments: {parameters: [{name: message, value: B}]}}
${ECHO}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.A.onExit').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.B').startedAt, '2024-01-01T00:00:02Z');
    assert.deepEqual(nodeNamed(state, 'wf.A').children, [
      nodeNamed(state, 'wf.A.onExit').id,
      nodeNamed(state, 'wf.B').id,
    ]);
  });
});

describe('lifecycle hooks', () => {
  test('workflow-level: a running hook starts with the workflow; exit runs at the end', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wfhooks}
spec:
  entrypoint: main
  hooks:
    exit: {template: ok}
    running:
      expression: workflow.status == "Running"
      template: ok
    failed:
      expression: workflow.status == "Failed"
      template: ok
  templates:
  - name: main
    steps:
    - - {name: step1, template: ok}
${ECHO}`;
    const { state } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    const running = nodeNamed(state, 'wf.hooks.running');
    assert.equal(running.startedAt, '2024-01-01T00:00:00Z');
    assert.deepEqual(running.nodeFlag, { hooked: true });
    assert.ok(nodeNamed(state, 'wf').children?.includes(running.id));
    assert.throws(() => nodeNamed(state, 'wf.hooks.failed'));
    assert.equal(nodeNamed(state, 'wf.onExit').phase, 'Succeeded');
  });

  test('template-level: hooks fire on the step status they watch, and run once', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: tmplhooks}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: step-1
        hooks:
          running: {expression: 'steps["step-1"].status == "Running"', template: http}
          success: {expression: 'steps["step-1"].status == "Succeeded"', template: http}
          failure: {expression: 'steps["step-1"].status == "Failed"', template: http}
        template: ok
  - name: http
    http: {url: "http://example.com"}
${ECHO}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[0].step-1.hooks.running').type, 'HTTP');
    assert.equal(nodeNamed(state, 'wf[0].step-1.hooks.running').startedAt, '2024-01-01T00:00:00Z');
    assert.equal(nodeNamed(state, 'wf[0].step-1.hooks.success').startedAt, '2024-01-01T00:00:01Z');
    assert.throws(() => nodeNamed(state, 'wf[0].step-1.hooks.failure'));
    assert.equal(pods.filter((p) => p.template.http !== undefined).length, 2);
    assert.deepEqual(Object.values(phases(state)), Array(5).fill('Succeeded'));
  });
});
