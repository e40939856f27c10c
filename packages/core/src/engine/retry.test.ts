import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { podNameOf } from './ids';
import { nodeNamed, type PodCall, runWorkflow, stateFromYaml } from './testing';

function retrying(strategy: string, extra = ''): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: retry}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: flaky, template: flaky}
  - name: flaky
    retryStrategy:
${strategy}
    container: {image: alpine, command: [sh, -c], args: ["attempt {{retries}} of {{pod.name}} after {{lastRetry.status}}"]}
${extra}`;
}

// Fails the first `failures` attempts with exit code 2, then succeeds.
function failFirst(failures: number, error = false) {
  return ({ attempt }: PodCall) =>
    attempt < failures ? (error ? { error: 'sandbox broke' } : { exitCode: 2 }) : { exitCode: 0 };
}

describe('retryStrategy', () => {
  test('a Retry node with name(0), name(1)… attempts; the last attempt decides', () => {
    const { state, pods } = runWorkflow(stateFromYaml(retrying('      limit: 3')), {
      script: failFirst(2),
      roundTrip: true,
    });
    assert.equal(state.status.phase, 'Succeeded');
    const retry = nodeNamed(state, 'wf[0].flaky');
    assert.equal(retry.type, 'Retry');
    assert.equal(retry.phase, 'Succeeded');
    assert.deepEqual(
      retry.children?.map((id) => state.status.nodes[id]?.name),
      ['wf[0].flaky(0)', 'wf[0].flaky(1)', 'wf[0].flaky(2)'],
    );
    const first = nodeNamed(state, 'wf[0].flaky(0)');
    assert.equal(first.phase, 'Failed');
    assert.deepEqual(first.nodeFlag, { retried: true });
    assert.equal(first.displayName, 'flaky(0)');
    assert.deepEqual(retry.outputs, nodeNamed(state, 'wf[0].flaky(2)').outputs);
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      [
        `attempt 0 of ${podNameOf('wf', 'wf[0].flaky(0)', 'flaky')} after `,
        `attempt 1 of ${podNameOf('wf', 'wf[0].flaky(1)', 'flaky')} after Failed`,
        `attempt 2 of ${podNameOf('wf', 'wf[0].flaky(2)', 'flaky')} after Failed`,
      ],
    );
  });

  test('"No more retries left" once the limit is used up', () => {
    const { state } = runWorkflow(stateFromYaml(retrying('      limit: "2"')), { script: failFirst(10) });
    const retry = nodeNamed(state, 'wf[0].flaky');
    assert.equal(retry.phase, 'Failed');
    assert.equal(retry.message, 'No more retries left');
    assert.equal(retry.children?.length, 3);
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, `child '${retry.id}' failed`);
  });

  test('retryPolicy decides which failures are retried', () => {
    const onError = runWorkflow(stateFromYaml(retrying('      limit: 3\n      retryPolicy: OnError')), {
      script: failFirst(1),
    }).state;
    const retry = nodeNamed(onError, 'wf[0].flaky');
    assert.equal(retry.phase, 'Failed');
    assert.equal(retry.message, 'main: Error (exit code 2)');
    assert.equal(retry.children?.length, 1);

    const onFailure = runWorkflow(stateFromYaml(retrying('      limit: 3')), {
      script: failFirst(1, true),
    }).state;
    assert.equal(nodeNamed(onFailure, 'wf[0].flaky').phase, 'Error');
    assert.equal(nodeNamed(onFailure, 'wf[0].flaky').message, 'sandbox broke');

    const always = runWorkflow(stateFromYaml(retrying('      limit: 3\n      retryPolicy: Always')), {
      script: failFirst(2, true),
    }).state;
    assert.equal(nodeNamed(always, 'wf[0].flaky').phase, 'Succeeded');
  });

  test('backoff waits with timers: duration × factor^n, capped', () => {
    const strategy = `      limit: 4
      backoff: {duration: "10s", factor: "2", cap: "30s"}`;
    const seen: string[] = [];
    const { state, actions } = runWorkflow(stateFromYaml(retrying(strategy)), {
      script: failFirst(4),
      record: true,
      react: ({ state: s }) => {
        const message = Object.values(s.status.nodes).find((n) => n.type === 'Retry')?.message;
        if (message !== undefined && !seen.includes(message)) seen.push(message);
        return undefined;
      },
    });
    assert.equal(state.status.phase, 'Succeeded');
    const starts = ['(0)', '(1)', '(2)', '(3)', '(4)'].map(
      (s) => nodeNamed(state, `wf[0].flaky${s}`).startedAt,
    );
    // Each attempt runs 1 s; waits are 10 s, 20 s, 30 s (capped from 40 s), 30 s.
    assert.deepEqual(starts, [
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:11Z',
      '2024-01-01T00:00:32Z',
      '2024-01-01T00:01:03Z',
      '2024-01-01T00:01:34Z',
    ]);
    assert.deepEqual(seen, ['Backoff for 10 seconds', 'Backoff for 20 seconds', 'Backoff for 30 seconds']);
    assert.equal(actions.filter((a) => a.type === 'start-timer').length, 4);
    assert.equal(nodeNamed(state, 'wf[0].flaky').message, undefined);
  });

  test('backoff maxDuration stops retrying', () => {
    const strategy = `      limit: 10
      backoff: {duration: "20s", maxDuration: "30s"}`;
    const { state } = runWorkflow(stateFromYaml(retrying(strategy)), { script: failFirst(10) });
    const retry = nodeNamed(state, 'wf[0].flaky');
    assert.equal(retry.phase, 'Failed');
    assert.equal(retry.message, 'Backoff would exceed max duration limit');
    assert.equal(retry.children?.length, 2);
  });

  test('expression sees lastRetry.* and can stop retrying', () => {
    const strategy = `      limit: 10
      expression: "asInt(lastRetry.exitCode) < 3"`;
    const { state } = runWorkflow(stateFromYaml(retrying(strategy)), {
      script: ({ attempt }) => ({ exitCode: attempt + 1 }),
    });
    const retry = nodeNamed(state, 'wf[0].flaky');
    // Exit codes 1, 2 are retried (policy Always with an expression); 3 stops.
    assert.equal(retry.children?.length, 3);
    assert.equal(retry.message, 'retryStrategy.expression evaluated to false');
    assert.equal(retry.phase, 'Failed');
  });

  test('a steps template can be retried as a whole', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: rs}
spec:
  entrypoint: main
  templates:
  - name: main
    retryStrategy: {limit: 2}
    steps:
    - - {name: a, template: flaky}
  - name: flaky
    container: {image: alpine, command: [sh, -c], args: ["maybe"]}
`;
    let calls = 0;
    const { state } = runWorkflow(stateFromYaml(yaml), {
      script: () => ({ exitCode: calls++ === 0 ? 1 : 0 }),
    });
    assert.equal(nodeNamed(state, 'wf').type, 'Retry');
    assert.equal(nodeNamed(state, 'wf(0)').type, 'Steps');
    assert.equal(nodeNamed(state, 'wf(0)').phase, 'Failed');
    assert.equal(nodeNamed(state, 'wf(1)[0].a').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf(1)[0].a').boundaryID, nodeNamed(state, 'wf(1)').id);
    assert.equal(state.status.phase, 'Succeeded');
  });
});
