import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineEvent } from './contract';
import { step } from './step';
import { type RunOptions, runWorkflow, stateFromYaml } from './testing';

// A workflow touching most features: steps, DAG, loops, retries with backoff, hooks, exit handlers, suspend,
// parallelism, locks and outputs.
const KITCHEN_SINK = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sink}
spec:
  entrypoint: main
  parallelism: 3
  onExit: notify
  hooks:
    running: {expression: 'workflow.status == "Running"', template: ok}
  templates:
  - name: main
    steps:
    - - {name: gen, template: gen}
    - - name: fan
        template: square
        arguments: {parameters: [{name: num, value: "{{item}}"}]}
        withParam: "{{steps.gen.outputs.result}}"
        hooks:
          exit: {template: ok}
      - {name: pause, template: pause}
    - - {name: graph, template: graph}
  - name: gen
    script: {image: python, command: [python], source: "print([1, 2, 3, 4])"}
  - name: square
    inputs: {parameters: [{name: num}]}
    retryStrategy: {limit: 2, backoff: {duration: "2s"}}
    synchronization: {mutexes: [{name: squares}]}
    outputs: {parameters: [{name: sq, valueFrom: {path: /tmp/sq}, globalName: last-square}]}
    container: {image: alpine, command: [sh, -c], args: ["sq {{inputs.parameters.num}}"]}
  - name: pause
    suspend: {duration: "3s"}
  - name: graph
    dag:
      tasks:
      - {name: A, template: ok}
      - {name: B, depends: A, template: maybe-fail, continueOn: {failed: true}}
      - {name: C, depends: "A && (B.Succeeded || B.Failed)", template: ok, onExit: ok}
      - {name: D, depends: C, template: ok, when: "{{tasks.C.status}} == Succeeded"}
  - name: maybe-fail
    container: {image: alpine, command: [sh, -c], args: ["exit 1"]}
  - name: ok
    container: {image: alpine, command: [sh, -c], args: ["exit 0"]}
  - name: notify
    container: {image: alpine, command: [echo], args: ["{{workflow.status}} {{workflow.outputs.parameters.last-square}}"]}
`;

const OPTIONS: RunOptions = {
  record: true,
  script: {
    gen: { result: '[1, 2, 3, 4]' },
    square: ({ inputs, attempt }) =>
      inputs.num === '2' && attempt === 0
        ? { exitCode: 1 }
        : { parameters: { sq: String(Number(inputs.num) ** 2) } },
  },
};

describe('determinism and persistence', () => {
  test('the outcome is identical in place, with the copying step, and through JSON between steps', () => {
    const inPlace = runWorkflow(stateFromYaml(KITCHEN_SINK), OPTIONS);
    const pure = runWorkflow(stateFromYaml(KITCHEN_SINK), { ...OPTIONS, pure: true });
    const json = runWorkflow(stateFromYaml(KITCHEN_SINK), { ...OPTIONS, roundTrip: true });
    assert.equal(inPlace.state.status.phase, 'Succeeded');
    assert.ok(Object.keys(inPlace.state.status.nodes).length > 20);
    assert.deepEqual(JSON.parse(JSON.stringify(pure.state)), JSON.parse(JSON.stringify(inPlace.state)));
    assert.deepEqual(JSON.parse(JSON.stringify(json.state)), JSON.parse(JSON.stringify(inPlace.state)));
    assert.deepEqual(json.actions, inPlace.actions);
    assert.deepEqual(json.events, inPlace.events);
    // Running it again gives the same result (no hidden clock, randomness or iteration-order dependence).
    const again = runWorkflow(stateFromYaml(KITCHEN_SINK), { ...OPTIONS, roundTrip: true });
    assert.deepEqual(again.actions, json.actions);
    assert.equal(inPlace.pods.at(-1)?.template.container?.args?.[0], 'Succeeded 16');
  });

  test('step never changes the state it is given', () => {
    const state = stateFromYaml(KITCHEN_SINK);
    const before = JSON.stringify(state);
    const started = step(state, { type: 'start', at: Date.UTC(2024, 0, 1) });
    assert.equal(JSON.stringify(state), before);
    assert.notEqual(JSON.stringify(started.state), before);
    const pod = started.actions.find((a) => a.type === 'run-pod');
    assert.ok(pod !== undefined && pod.type === 'run-pod');
    const snapshot = JSON.stringify(started.state);
    const event: EngineEvent = { type: 'pod-started', nodeId: pod.nodeId, at: Date.UTC(2024, 0, 1, 0, 0, 1) };
    step(started.state, event);
    assert.equal(JSON.stringify(started.state), snapshot);
  });

  test('events for finished or unknown nodes and stale timers are ignored', () => {
    const { state } = runWorkflow(stateFromYaml(KITCHEN_SINK), OPTIONS);
    const snapshot = JSON.stringify(state);
    const at = Date.UTC(2024, 0, 2);
    for (const event of [
      { type: 'pod-exited', at, exit: { nodeId: 'nope', exitCode: 0, startedAt: at, finishedAt: at } },
      { type: 'timer', id: 'backoff:x:1', at },
      { type: 'pod-started', nodeId: Object.keys(state.status.nodes)[3] ?? '', at },
      { type: 'start', at },
    ] as EngineEvent[]) {
      const result = step(state, event);
      assert.deepEqual(result.actions, []);
      assert.equal(JSON.stringify(result.state), snapshot);
    }
  });
});
