import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineEvent } from './contract';
import { EngineEventError } from './errors';
import type { EngineState } from './model';
import { stepInPlace } from './step';
import { nodeNamed, runWorkflow, stateFromYaml } from './testing';

const SLEEP = `
  - name: sleep
    container: {image: busybox, command: [sh, -c], args: ["sleep 100"]}
  - name: ok
    container: {image: busybox, command: [sh, -c], args: ["exit 0"]}
`;

function whenNode(name: string, phase: string, event: (at: number) => EngineEvent) {
  let sent = false;
  return ({ state, now }: { state: EngineState; now: number }): EngineEvent[] | undefined => {
    if (sent) return undefined;
    const node = Object.values(state.status.nodes).find((n) => n.name === name);
    if (node?.phase !== phase) return undefined;
    sent = true;
    return [event(now)];
  };
}

describe('suspend', () => {
  test('a suspend template with a duration resumes by itself', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: suspend}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: wait, template: wait}
    - - {name: after, template: ok}
  - name: wait
    suspend: {duration: "20s"}
${SLEEP}`;
    const { state } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    const wait = nodeNamed(state, 'wf[0].wait');
    assert.equal(wait.type, 'Suspend');
    assert.equal(wait.phase, 'Succeeded');
    assert.equal(wait.finishedAt, '2024-01-01T00:00:20Z');
    assert.equal(nodeNamed(state, 'wf[1].after').startedAt, '2024-01-01T00:00:20Z');
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('a suspend node waits for resume; supplied outputs come with it', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: approve}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: approve, template: approve}
    - - name: release
        template: print
        arguments: {parameters: [{name: message, value: "{{steps.approve.outputs.parameters.message}}"}]}
  - name: approve
    suspend: {}
    outputs: {parameters: [{name: message, valueFrom: {supplied: {}}}]}
  - name: print
    inputs: {parameters: [{name: message}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
`;
    const parked = runWorkflow(stateFromYaml(yaml));
    assert.equal(parked.state.status.phase, 'Running');
    assert.equal(nodeNamed(parked.state, 'wf[0].approve').phase, 'Running');
    const before = JSON.stringify(parked.state);
    assert.throws(
      () => stepInPlace(parked.state, { type: 'resume', at: parked.now }),
      (error: unknown) =>
        error instanceof EngineEventError &&
        error.message === "raw output parameter 'message' has not been set and does not have a default value",
    );
    assert.equal(JSON.stringify(parked.state), before);
    const { state, pods } = runWorkflow(stateFromYaml(yaml), {
      roundTrip: true,
      react: whenNode('wf[0].approve', 'Running', (at) => ({
        type: 'resume',
        at: at + 5000,
        nodeName: 'approve',
        parameters: { message: 'ship it' },
      })),
    });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(nodeNamed(state, 'wf[0].approve').outputs?.parameters, [
      { name: 'message', value: 'ship it' },
    ]);
    assert.equal(pods[0]?.template.container?.args?.[0], 'ship it');
  });
});

describe('stop, terminate, suspend and resume', () => {
  const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: stop}
spec:
  entrypoint: main
  onExit: ok
  templates:
  - name: main
    steps:
    - - {name: long, template: sleep}
    - - {name: never, template: ok}
${SLEEP}`;

  test('stop kills running pods, fails the workflow and still runs the exit handler', () => {
    const { state, actions } = runWorkflow(stateFromYaml(yaml), {
      record: true,
      events: [{ type: 'stop', at: Date.UTC(2024, 0, 1, 0, 0, 10) }],
    });
    assert.ok(actions.some((a) => a.type === 'kill-pod'));
    const long = nodeNamed(state, 'wf[0].long');
    assert.equal(long.phase, 'Failed');
    assert.equal(long.message, 'workflow shutdown with strategy:  Stop');
    assert.equal(nodeNamed(state, 'wf.onExit').phase, 'Succeeded');
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, "Stopped with strategy 'Stop'");
    assert.throws(() => nodeNamed(state, 'wf[1].never'));
  });

  test('a stop can be escalated to terminate, which also stops the exit handler', () => {
    const slowExit = yaml.replace('  onExit: ok', '  onExit: sleep');
    const { state } = runWorkflow(stateFromYaml(slowExit), {
      events: [
        { type: 'stop', at: Date.UTC(2024, 0, 1, 0, 0, 10) },
        { type: 'terminate', at: Date.UTC(2024, 0, 1, 0, 0, 20) },
      ],
    });
    const exit = nodeNamed(state, 'wf.onExit');
    assert.equal(exit.phase, 'Failed');
    assert.equal(exit.message, 'workflow shutdown with strategy:  Terminate');
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, "Stopped with strategy 'Terminate'");
    assert.equal(state.status.finishedAt, '2024-01-01T00:00:20Z');
  });

  test('terminate does not run the exit handler', () => {
    const { state } = runWorkflow(stateFromYaml(yaml), {
      events: [{ type: 'terminate', at: Date.UTC(2024, 0, 1, 0, 0, 10) }],
    });
    assert.throws(() => nodeNamed(state, 'wf.onExit'));
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, "Stopped with strategy 'Terminate'");
  });

  test('a suspended workflow starts nothing new until resumed', () => {
    const steps = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: pause}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: ok}
    - - {name: b, template: ok}
${SLEEP}`;
    const { state } = runWorkflow(stateFromYaml(steps), {
      roundTrip: true,
      events: [
        { type: 'suspend', at: Date.UTC(2024, 0, 1, 0, 0, 0, 500) },
        { type: 'resume', at: Date.UTC(2024, 0, 1, 0, 1, 0) },
      ],
    });
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[0].a').finishedAt, '2024-01-01T00:00:01Z');
    assert.equal(nodeNamed(state, 'wf[1].b').startedAt, '2024-01-01T00:01:00Z');
  });

  test('spec.suspend starts the workflow suspended', () => {
    const suspended = yaml.replace('  entrypoint: main', '  entrypoint: main\n  suspend: true');
    const parked = runWorkflow(stateFromYaml(suspended)).state;
    assert.equal(parked.status.phase, 'Running');
    assert.deepEqual(parked.status.nodes, {});
  });
});

describe('deadlines', () => {
  test('workflow activeDeadlineSeconds fails running steps with "Step exceeded its deadline"', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: deadline}
spec:
  activeDeadlineSeconds: 30
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: sleep, template: sleep}
${SLEEP}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const sleep = nodeNamed(state, 'wf[0].sleep');
    assert.equal(sleep.phase, 'Failed');
    assert.equal(sleep.message, 'Step exceeded its deadline');
    assert.equal(sleep.finishedAt, '2024-01-01T00:00:30Z');
    assert.equal(state.status.phase, 'Failed');
  });

  test('template timeout and activeDeadlineSeconds limit the pod', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: timeout}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: timed}
      - {name: b, template: limited}
  - name: timed
    timeout: "10s"
    container: {image: busybox, command: [sh, -c], args: ["sleep 100"]}
  - name: limited
    activeDeadlineSeconds: 5
    container: {image: busybox, command: [sh, -c], args: ["sleep 100"]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(pods[0]?.deadline, Date.UTC(2024, 0, 1, 0, 0, 10));
    assert.equal(pods[1]?.deadline, Date.UTC(2024, 0, 1, 0, 0, 5));
    const a = nodeNamed(state, 'wf[0].a');
    assert.equal(a.phase, 'Failed');
    assert.equal(a.message, 'Pod was active on the node longer than the specified deadline');
    assert.equal(a.finishedAt, '2024-01-01T00:00:10Z');
    assert.equal(nodeNamed(state, 'wf[0].b').finishedAt, '2024-01-01T00:00:05Z');
  });
});

describe('parallelism and synchronization', () => {
  test('workflow parallelism limits running pods', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: par}
spec:
  entrypoint: main
  parallelism: 2
  templates:
  - name: main
    steps:
    - - {name: s, template: ok, withSequence: {count: "4"}}
${SLEEP}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const starts = Object.values(state.status.nodes)
      .filter((n) => n.type === 'Pod')
      .map((n) => n.startedAt?.slice(17, 19));
    assert.deepEqual(starts, ['00', '00', '01', '01']);
  });

  test('a mutex lets one node run at a time; others wait with a message', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: mutex}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: lock, template: locked, withItems: [1, 2, 3]}
  - name: locked
    synchronization: {mutexes: [{name: welcome}]}
    container: {image: busybox, command: [sh, -c], args: ["sleep 20"]}
`;
    const messages = new Set<string>();
    const { state } = runWorkflow(stateFromYaml(yaml), {
      roundTrip: true,
      react: ({ state: s }) => {
        for (const node of Object.values(s.status.nodes))
          if (node.message !== undefined) messages.add(node.message);
        return undefined;
      },
    });
    assert.equal(state.status.phase, 'Succeeded');
    const finished = Object.values(state.status.nodes)
      .filter((n) => n.type === 'Pod')
      .map((n) => n.finishedAt);
    assert.deepEqual(finished, ['2024-01-01T00:00:20Z', '2024-01-01T00:00:40Z', '2024-01-01T00:01:00Z']);
    assert.ok(messages.has('Waiting for default/Mutex/welcome lock. Lock status: 0/1'));
    assert.deepEqual(state.locks['default/Mutex/welcome'], { limit: 1, holders: [], waiting: [] });
  });

  test('a semaphore admits as many holders as its limit', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sem}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: s, template: limited, withItems: [1, 2, 3, 4]}
  - name: limited
    synchronization:
      semaphores: [{configMapKeyRef: {name: my-config, key: template}}]
    container: {image: busybox, command: [sh, -c], args: ["sleep 10"]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml, { semaphoreLimits: { 'my-config/template': 2 } }));
    const finished = Object.values(state.status.nodes)
      .filter((n) => n.type === 'Pod')
      .map((n) => n.finishedAt?.slice(17, 19));
    assert.deepEqual(finished, ['10', '10', '20', '20']);
  });
});
