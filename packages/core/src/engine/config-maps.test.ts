import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeNamed, runWorkflow, stateFromYaml } from './testing';

const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cm}
spec:
  entrypoint: main
  arguments:
    parameters:
    - name: greeting
      valueFrom: {configMapKeyRef: {name: simple-parameters, key: msg}}
  templates:
  - name: main
    steps:
    - - {name: from-input, template: print}
      - {name: with-default, template: print-default}
  - name: print
    inputs:
      parameters:
      - name: message
        valueFrom: {configMapKeyRef: {name: simple-parameters, key: msg}}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}} / {{workflow.parameters.greeting}}"]}
  - name: print-default
    inputs:
      parameters:
      - name: message
        valueFrom: {configMapKeyRef: {name: simple-parameters, key: other}, default: fallback}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
`;

describe('ConfigMap parameters', () => {
  test('workflow and template parameters read the ConfigMaps the run was created with', () => {
    const configMaps = { 'simple-parameters': { msg: 'hello from a ConfigMap' } };
    const { state, pods } = runWorkflow(stateFromYaml(yaml, { configMaps }), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      ['hello from a ConfigMap / hello from a ConfigMap', 'fallback'],
    );
  });

  test('a missing ConfigMap errors the step that reads it (a missing key with a default did not, above)', () => {
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Failed');
    assert.equal(nodeNamed(state, 'wf[0].from-input').phase, 'Error');
    assert.match(
      nodeNamed(state, 'wf[0].from-input').message ?? '',
      /unable to retrieve inputs.parameters.message from ConfigMap: ConfigMap "simple-parameters" not found/,
    );
  });
});
