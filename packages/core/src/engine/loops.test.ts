import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeItem, expandSequence, loopNodeName } from './loops';
import { nodeNamed, phases, runWorkflow, stateFromYaml } from './testing';

const PRINT = `
  - name: print
    inputs: {parameters: [{name: message}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}}"]}
`;

describe('loop items', () => {
  test('node names and item values follow Argo', () => {
    assert.equal(loopNodeName('s', 0, describeItem('hello world').desc), 's(0:hello world)');
    assert.equal(loopNodeName('s', 1, describeItem(2.5).desc), 's(1:2.5)');
    const map = describeItem({ os: 'debian', image: 'debian:9.1' });
    assert.equal(map.desc, 'image:debian:9.1,os:debian');
    assert.equal(map.item, '{"image":"debian:9.1","os":"debian"}');
    assert.deepEqual(map.fields, { 'item.image': 'debian:9.1', 'item.os': 'debian' });
    assert.equal(describeItem([1, 'a']).desc, '[1 a]');
    assert.equal(describeItem([1, 'a']).item, '[1,"a"]');
    assert.equal(loopNodeName('s', 0, 'f(x)'), 's(0:fx)');
  });

  test('sequences count up or down and format with Go verbs', () => {
    assert.deepEqual(expandSequence({ count: '3' }), ['0', '1', '2']);
    assert.deepEqual(expandSequence({ start: '5', end: '3' }), ['5', '4', '3']);
    assert.deepEqual(expandSequence({ start: '1', count: 2, format: 'f%02d' }), ['f01', 'f02']);
    assert.deepEqual(expandSequence({ count: '0' }), []);
  });
});

describe('loops', () => {
  test('withItems and withSequence expand into name(i:item) children of the step group', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: loops}
spec:
  entrypoint: main
  arguments: {parameters: [{name: count, value: "2"}]}
  templates:
  - name: main
    steps:
    - - name: items
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withItems: [hello world, goodbye world]
      - name: maps
        template: print
        arguments: {parameters: [{name: message, value: "{{item.os}} {{item.version}}"}]}
        withItems:
        - {os: debian, version: "9.1"}
        - {os: ubuntu, version: "18.04"}
      - name: seq
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withSequence: {start: "100", count: "{{workflow.parameters.count}}"}
${PRINT}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(Object.keys(phases(state)), [
      'wf',
      'wf[0]',
      'wf[0].items(0:hello world)',
      'wf[0].items(1:goodbye world)',
      'wf[0].maps(0:os:debian,version:9.1)',
      'wf[0].maps(1:os:ubuntu,version:18.04)',
      'wf[0].seq(0:100)',
      'wf[0].seq(1:101)',
    ]);
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      ['hello world', 'goodbye world', 'debian 9.1', 'ubuntu 18.04', '100', '101'],
    );
    const group = nodeNamed(state, 'wf[0]');
    assert.equal(group.children?.length, 6);
    assert.equal(nodeNamed(state, 'wf[0].items(0:hello world)').displayName, 'items(0:hello world)');
  });

  test('parameter aggregation: JSON lists of outputs feed withParam, with per-item when', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: agg}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: odd-or-even
        template: odd-or-even
        arguments: {parameters: [{name: num, value: "{{item}}"}]}
        withItems: [1, 2, 3, 4]
    - - name: print-nums
        template: print
        arguments: {parameters: [{name: message, value: "{{steps.odd-or-even.outputs.parameters.num}}"}]}
    - - name: divide-by-2
        template: divide-by-2
        arguments: {parameters: [{name: num, value: "{{item.num}}"}]}
        withParam: "{{steps.odd-or-even.outputs.parameters}}"
        when: "{{item.evenness}} == even"
    - - name: print
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withParam: "{{steps.divide-by-2.outputs.result}}"
  - name: odd-or-even
    inputs: {parameters: [{name: num}]}
    container: {image: alpine, command: [sh, -c], args: ["compute {{inputs.parameters.num}}"]}
    outputs:
      parameters:
      - {name: num, valueFrom: {path: /tmp/num}}
      - {name: evenness, valueFrom: {path: /tmp/even}}
  - name: divide-by-2
    inputs: {parameters: [{name: num}]}
    script: {image: alpine, command: [sh], source: "echo $(({{inputs.parameters.num}}/2))"}
${PRINT}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), {
      script: {
        'odd-or-even': ({ inputs }) => ({
          parameters: { num: inputs.num ?? '', evenness: Number(inputs.num) % 2 === 0 ? 'even' : 'odd' },
        }),
        'divide-by-2': ({ inputs }) => ({ result: String(Number(inputs.num) / 2) }),
      },
    });
    assert.equal(state.status.phase, 'Succeeded');
    const printed = pods
      .filter((p) => p.template.name === 'print')
      .map((p) => p.template.container?.args?.[0]);
    assert.deepEqual(printed, ['["1","2","3","4"]', '1', '2']);
    assert.equal(nodeNamed(state, 'wf[2].divide-by-2(0:evenness:odd,num:1)').phase, 'Skipped');
    assert.equal(
      nodeNamed(state, 'wf[2].divide-by-2(0:evenness:odd,num:1)').message,
      "when 'odd == even' evaluated false",
    );
    assert.equal(nodeNamed(state, 'wf[2].divide-by-2(1:evenness:even,num:2)').outputs?.result, '1');
    assert.equal(nodeNamed(state, 'wf[3].print(0:1)').phase, 'Succeeded');
    assert.equal(nodeNamed(state, 'wf[3].print(1:2)').phase, 'Succeeded');
  });

  test('DAG loops make a TaskGroup whose children are the items; aggregates reach dependants', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: dagloop}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: gen, template: gen}
      - name: each
        depends: gen
        template: square
        arguments: {parameters: [{name: num, value: "{{item}}"}]}
        withParam: "{{tasks.gen.outputs.result}}"
      - name: sum
        depends: each
        template: print
        arguments: {parameters: [{name: message, value: "{{tasks.each.outputs.parameters.sq}}"}]}
  - name: gen
    script: {image: python, command: [python], source: "print([1, 2, 3])"}
  - name: square
    inputs: {parameters: [{name: num}]}
    outputs: {parameters: [{name: sq, valueFrom: {path: /tmp/sq}}]}
    container: {image: alpine, command: [sh, -c], args: ["sq {{inputs.parameters.num}}"]}
${PRINT}`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), {
      script: {
        gen: { result: '[1, 2, 3]' },
        square: ({ inputs }) => ({ parameters: { sq: String(Number(inputs.num) ** 2) } }),
      },
    });
    assert.equal(state.status.phase, 'Succeeded');
    const group = nodeNamed(state, 'wf.each');
    assert.equal(group.type, 'TaskGroup');
    assert.equal(group.phase, 'Succeeded');
    assert.deepEqual(
      group.children?.map((id) => state.status.nodes[id]?.name),
      ['wf.each(0:1)', 'wf.each(1:2)', 'wf.each(2:3)'],
    );
    // The dependant hangs off every item (Argo's outbound nodes of a TaskGroup).
    const sum = nodeNamed(state, 'wf.sum');
    for (const id of group.children ?? []) assert.deepEqual(state.status.nodes[id]?.children, [sum.id]);
    assert.equal(pods.at(-1)?.template.container?.args?.[0], '["1","4","9"]');
  });

  test('an empty withParam list skips the step with "Skipped, empty params"', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: empty}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: none
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withParam: "[]"
${PRINT}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    const node = nodeNamed(state, 'wf[0].none');
    assert.equal(node.type, 'Skipped');
    assert.equal(node.message, 'Skipped, empty params');
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('a withParam that is not a JSON list errors the step group', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: bad}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: bad
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withParam: "not json"
${PRINT}`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.match(
      nodeNamed(state, 'wf[0]').message ?? '',
      /^withParam value could not be parsed as a JSON list: not json: /u,
    );
    assert.equal(state.status.phase, 'Failed');
  });

  test('template parallelism runs loop items a few at a time', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: par}
spec:
  entrypoint: main
  templates:
  - name: main
    parallelism: 2
    steps:
    - - name: sleep
        template: print
        arguments: {parameters: [{name: message, value: "{{item}}"}]}
        withSequence: {count: "5"}
${PRINT}`;
    const { state } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    const starts = Object.values(state.status.nodes)
      .filter((n) => n.type === 'Pod')
      .map((n) => n.startedAt);
    assert.deepEqual(starts, [
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:01Z',
      '2024-01-01T00:00:01Z',
      '2024-01-01T00:00:02Z',
    ]);
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('template failFast stops a sequential loop at the first failure', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ff}
spec:
  entrypoint: main
  templates:
  - name: main
    parallelism: 1
    failFast: true
    steps:
    - - name: unit
        template: unit
        arguments: {parameters: [{name: code, value: "{{item}}"}]}
        withItems: ["0", "0", "1", "0"]
  - name: unit
    inputs: {parameters: [{name: code}]}
    container: {image: alpine, command: [sh, -c], args: ["exit {{inputs.parameters.code}}"]}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(Object.values(state.status.nodes).filter((n) => n.type === 'Pod').length, 3);
    assert.equal(state.status.phase, 'Failed');
    assert.equal(state.status.message, 'template has failed or errored children and failFast enabled');
  });
});
