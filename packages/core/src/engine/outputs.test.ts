import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeNamed, runWorkflow, stateFromYaml } from './testing';

function dag(tasks: string, templates: string, outputs = ''): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: out}
spec:
  entrypoint: main
  templates:
  - name: main
${outputs}
    dag:
      tasks:
${tasks}
${templates}`;
}

const PRODUCE = (defaultValue: string) => `
  - name: produce
    outputs:
      parameters:
      - name: msg
        valueFrom: {path: /tmp/out.txt${defaultValue}}
    container: {image: alpine, command: [sh, -c], args: ["echo -n real > /tmp/out.txt"]}`;

describe('output parameters and artifacts', () => {
  test('valueFrom.path from the pod, valueFrom.default when the file is missing, exitCode', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: params}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: gen, template: gen}
    - - name: use
        template: use
        arguments:
          parameters:
          - {name: a, value: "{{steps.gen.outputs.parameters.hello}}"}
          - {name: b, value: "{{steps.gen.outputs.parameters.missing}}"}
          - {name: c, value: "{{steps.gen.exitCode}} {{steps.gen.status}}"}
  - name: gen
    container: {image: alpine, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt"]}
    outputs:
      parameters:
      - {name: hello, valueFrom: {path: /tmp/hello_world.txt}}
      - {name: missing, valueFrom: {path: /tmp/nope, default: Foobar}}
  - name: use
    inputs: {parameters: [{name: a}, {name: b}, {name: c}]}
    container: {image: alpine, command: [echo], args: ["{{inputs.parameters.a}}|{{inputs.parameters.b}}|{{inputs.parameters.c}}"]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(nodeNamed(state, 'wf[0].gen').outputs, {
      parameters: [
        { name: 'hello', valueFrom: { path: '/tmp/hello_world.txt' }, value: 'hello world' },
        { name: 'missing', valueFrom: { path: '/tmp/nope', default: 'Foobar' }, value: 'Foobar' },
      ],
      exitCode: '0',
    });
    assert.equal(pods[1]?.template.container?.args?.[0], 'hello world|Foobar|0 Succeeded');
  });

  test('a missing output file without default errors the node', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: missing}
spec:
  entrypoint: gen
  templates:
  - name: gen
    container: {image: alpine, command: [sh, -c], args: ["true"]}
    outputs: {parameters: [{name: p, valueFrom: {path: /tmp/p}}]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Error');
    assert.equal(state.status.message, 'failed to save outputs: open /tmp/p: no such file or directory');
  });

  test('global outputs: globalName lifts parameters and artifacts to the workflow', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: globals}
spec:
  entrypoint: main
  onExit: consume
  templates:
  - name: main
    steps:
    - - {name: generate, template: global-output}
    - - {name: consume, template: consume}
  - name: global-output
    container: {image: alpine, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt"]}
    outputs:
      parameters:
      - {name: hello-param, valueFrom: {path: /tmp/hello_world.txt}, globalName: my-global-param}
      artifacts:
      - {name: hello-art, path: /tmp/hello_world.txt, globalName: my-global-art}
  - name: consume
    steps:
    - - {name: param, template: param}
      - name: art
        template: art
        arguments: {artifacts: [{name: art, from: "{{workflow.outputs.artifacts.my-global-art}}"}]}
  - name: param
    inputs: {parameters: [{name: param, value: "{{workflow.outputs.parameters.my-global-param}}"}]}
    container: {image: alpine, command: [echo], args: ["{{inputs.parameters.param}}"]}
  - name: art
    inputs: {artifacts: [{name: art, path: /art}]}
    container: {image: alpine, command: [sh, -c], args: ["cat /art"]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    const producer = pods[0]?.podName;
    assert.deepEqual(state.status.outputs, {
      parameters: [{ name: 'my-global-param', value: 'hello world' }],
      artifacts: [{ name: 'my-global-art', key: `wf/${producer}/hello-art` }],
    });
    const params = pods.filter((p) => p.template.name === 'param');
    assert.deepEqual(
      params.map((p) => p.template.container?.args?.[0]),
      ['hello world', 'hello world'],
    );
    const arts = pods.filter((p) => p.template.name === 'art');
    assert.deepEqual(arts[0]?.inputArtifacts, [
      { name: 'art', path: '/art', key: `wf/${producer}/hello-art` },
    ]);
    assert.equal(arts.length, 2);
  });

  test('artifact passing: from steps.X.outputs.artifacts', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: arts}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: generate-artifact, template: whalesay}
    - - name: consume-artifact
        template: print-message
        arguments: {artifacts: [{name: message, from: "{{steps.generate-artifact.outputs.artifacts.hello-art}}"}]}
      - name: optional
        template: print-message
        arguments: {artifacts: [{name: message, from: "{{steps.generate-artifact.outputs.artifacts.nope}}", optional: true}]}
  - name: whalesay
    container: {image: docker/whalesay, command: [sh, -c], args: ["cowsay hello world | tee /tmp/hello_world.txt"]}
    outputs: {artifacts: [{name: hello-art, path: /tmp/hello_world.txt}]}
  - name: print-message
    inputs: {artifacts: [{name: message, path: /tmp/message, optional: true}]}
    container: {image: alpine, command: [sh, -c], args: ["cat /tmp/message"]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    const key = `wf/${pods[0]?.podName}/hello-art`;
    assert.deepEqual(pods[1]?.inputArtifacts, [{ name: 'message', path: '/tmp/message', key }]);
    assert.deepEqual(pods[2]?.inputArtifacts, [{ name: 'message', path: '/tmp/message', optional: true }]);
    assert.deepEqual(nodeNamed(state, 'wf[1].consume-artifact').inputs?.artifacts, [
      { name: 'message', key, path: '/tmp/message' },
    ]);
  });
});

describe('outputs of Skipped and Omitted nodes', () => {
  test("the producer's valueFrom.default is what references see", () => {
    const yaml = dag(
      `
      - {name: producer, template: produce, when: "false"}
      - name: consumer
        template: consume
        depends: "producer.Succeeded || producer.Skipped"
        arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}`,
      `${PRODUCE(', default: hello-from-producer')}
  - name: consume
    inputs: {parameters: [{name: in}]}
    container: {image: alpine, command: [echo], args: ["consumer got: [{{inputs.parameters.in}}]"]}`,
    );
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf.producer').phase, 'Skipped');
    assert.equal(pods[0]?.template.container?.args?.[0], 'consumer got: [hello-from-producer]');
  });

  test("without a producer default, the consumer input's default applies", () => {
    const yaml = dag(
      `
      - {name: producer, template: produce, when: "false"}
      - name: consumer
        template: consume
        depends: "producer.Succeeded || producer.Skipped"
        arguments: {parameters: [{name: in, value: "{{tasks.producer.outputs.parameters.msg}}"}]}`,
      `${PRODUCE('')}
  - name: consume
    inputs: {parameters: [{name: in, default: fallback-from-input}]}
    container: {image: alpine, command: [echo], args: ["consumer got: [{{inputs.parameters.in}}]"]}`,
    );
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(pods[0]?.template.container?.args?.[0], 'consumer got: [fallback-from-input]');
  });

  test('an expression sees nil and can fall back with ??', () => {
    const yaml = dag(
      `
      - {name: producer, template: produce, when: "false"}`,
      PRODUCE(''),
      `    outputs:
      parameters:
      - name: result
        valueFrom: {expression: "tasks.producer.outputs.parameters.msg ?? 'expr-fallback'"}`,
    );
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(nodeNamed(state, 'wf').outputs?.parameters, [
      { name: 'result', value: 'expr-fallback' },
    ]);
  });

  test('an unhandled absent output fails the consumer with a terminal error', () => {
    const yaml = dag(
      `
      - {name: producer, template: produce, when: "false"}
      - name: consumer
        template: consume
        depends: "producer.Succeeded || producer.Skipped"
        arguments: {parameters: [{name: in, value: "x-{{tasks.producer.outputs.parameters.msg}}"}]}`,
      `${PRODUCE('')}
  - name: consume
    inputs: {parameters: [{name: in}]}
    container: {image: alpine, command: [echo], args: ["{{inputs.parameters.in}}"]}`,
    );
    const { state } = runWorkflow(stateFromYaml(yaml));
    const consumer = nodeNamed(state, 'wf.consumer');
    assert.equal(consumer.phase, 'Error');
    assert.equal(
      consumer.message,
      'unable to substitute {{tasks.producer.outputs.parameters.msg}}: output is an absent optional (skipped/omitted node with no default)',
    );
  });
});
