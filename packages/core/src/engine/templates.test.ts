import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkflowState } from './create-state';
import { WorkflowInputError } from './errors';
import { podNameOf } from './ids';
import { nodeNamed, runWorkflow, stateFromYaml, workflowFromYaml } from './testing';

describe('parameters and variables', () => {
  const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: params, labels: {team: ci}, annotations: {owner: me}}
spec:
  entrypoint: print
  arguments:
    parameters:
    - {name: message, value: hello world}
    - {name: color, value: red, enum: [red, green]}
  templates:
  - name: print
    inputs: {parameters: [{name: message}, {name: extra, default: "{{workflow.parameters.color}}"}]}
    container:
      image: busybox
      command: [echo]
      args:
      - "{{inputs.parameters.message}} {{inputs.parameters.extra}}"
      - "{{workflow.name}} {{workflow.namespace}} {{workflow.labels.team}} {{workflow.annotations.owner}}"
      - "{{pod.name}} {{node.name}} {{workflow.creationTimestamp.Y}}"
      - "{{=sprig.upper(inputs.parameters.message)}} {{= asInt('2') + 1}} {{=workflow.parameters.color}}"
      - "{{inputs.parameters}}"
      - "{{workflow.unknown}} {{= nothing.here}}"
`;

  test('arguments bind to the entry template; simple and expression tags substitute everywhere', () => {
    const { state, pods } = runWorkflow(stateFromYaml(yaml), { roundTrip: true });
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(pods[0]?.template.container?.args, [
      'hello world red',
      'wf default ci me',
      'wf wf 2024',
      'HELLO WORLD 3 red',
      '[{"name":"message","value":"hello world"},{"name":"extra","default":"red","value":"red"}]',
      '{{workflow.unknown}} {{= nothing.here}}',
    ]);
    // The root node is the pod; its pod name is the workflow's.
    assert.equal(pods[0]?.podName, 'wf');
  });

  test('submission parameters override spec.arguments', () => {
    const { pods } = runWorkflow(stateFromYaml(yaml, { parameters: { message: 'bye', color: 'green' } }));
    assert.equal(pods[0]?.template.container?.args?.[0], 'bye green');
  });

  test('an enum violation fails the workflow before it starts', () => {
    const { state } = runWorkflow(stateFromYaml(yaml, { parameters: { color: 'blue' } }));
    assert.equal(state.status.phase, 'Failed');
    assert.equal(
      state.status.message,
      'invalid spec: spec.arguments.color.value should be present in spec.arguments.color.enum list',
    );
  });

  test('template inputs: enum and missing values are Error nodes with clear messages', () => {
    const bad = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: inputs}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: t, arguments: {parameters: [{name: level, value: loud}]}}
      - {name: b, template: t}
  - name: t
    inputs: {parameters: [{name: level, enum: [quiet, normal]}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.level}}"]}
`;
    const { state } = runWorkflow(stateFromYaml(bad));
    assert.equal(
      nodeNamed(state, 'wf.a').message,
      "task 'wf.a' errored: inputs.parameters.level.value should be present in inputs.parameters.level.enum list",
    );
    assert.equal(
      nodeNamed(state, 'wf.b').message,
      "task 'wf.b' errored: inputs.parameters.level was not supplied",
    );
    assert.equal(nodeNamed(state, 'wf.b').phase, 'Error');
    assert.equal(state.status.phase, 'Error');
  });

  test('an entry template that cannot start errors the workflow', () => {
    const missing = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: entry}
spec:
  entrypoint: nope
  templates:
  - {name: main, container: {image: busybox}}
`;
    const { state } = runWorkflow(stateFromYaml(missing));
    assert.equal(state.status.phase, 'Error');
    assert.equal(state.status.message, 'error in entry template execution: template "nope" not found');
  });
});

describe('template kinds', () => {
  test('resource templates error locally; http and data run through the executor', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: kinds}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      failFast: false
      tasks:
      - {name: k8s, template: k8s}
      - {name: http, template: http}
      - {name: data, template: data}
      - name: script
        template: script
        arguments: {parameters: [{name: who, value: "{{tasks.http.outputs.result}}"}]}
        depends: http
  - name: k8s
    resource: {action: create, manifest: "kind: ConfigMap"}
  - name: http
    http: {url: "https://example.com/{{workflow.name}}"}
  - name: data
    data:
      source: {artifactPaths: {name: p, s3: {bucket: b}}}
      transformation: [{expression: "filter(data, {# endsWith '.py'})"}]
  - name: script
    inputs: {parameters: [{name: who}]}
    script: {image: python, command: [python], source: "print('{{inputs.parameters.who}}')"}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), {
      script: { http: { result: 'body' }, data: { result: '["a.py"]' } },
    });
    const k8s = nodeNamed(state, 'wf.k8s');
    assert.equal(k8s.type, 'Pod');
    assert.equal(k8s.phase, 'Error');
    assert.equal(k8s.message, 'resource templates need Kubernetes; run this workflow on a cluster');
    assert.equal(nodeNamed(state, 'wf.http').type, 'HTTP');
    assert.equal(nodeNamed(state, 'wf.http').outputs?.result, 'body');
    assert.equal(nodeNamed(state, 'wf.data').outputs?.result, '["a.py"]');
    assert.equal(pods.find((p) => p.template.name === 'http')?.template.http?.url, 'https://example.com/wf');
    assert.equal(pods.find((p) => p.template.name === 'script')?.template.script?.source, "print('body')");
    assert.equal(state.status.phase, 'Error');
  });

  test('a containerSet runs as one pod with a Container node per container', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cs}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: graph, template: graph}
    - - {name: after, template: after}
  - name: graph
    containerSet:
      containers:
      - {name: a, image: busybox}
      - {name: b, image: busybox, dependencies: [a]}
      - {name: c, image: busybox, dependencies: [a]}
  - name: after
    container: {image: busybox}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml), {
      script: {
        graph: {
          exitCode: 0,
          containers: [
            { name: 'a', exitCode: 0 },
            { name: 'b', exitCode: 0 },
            { name: 'c', exitCode: 0 },
          ],
        },
      },
    });
    assert.equal(pods.length, 2);
    const graph = nodeNamed(state, 'wf[0].graph');
    assert.equal(graph.type, 'Pod');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => nodeNamed(state, `wf[0].graph.${n}`));
    assert.equal(a?.type, 'Container');
    assert.equal(a?.boundaryID, graph.id);
    assert.deepEqual(graph.children, [a?.id]);
    assert.deepEqual(a?.children, [b?.id, c?.id]);
    // The next group hangs off the leaf containers.
    const after = nodeNamed(state, 'wf[1]');
    assert.deepEqual(b?.children, [after.id]);
    assert.equal(c?.phase, 'Succeeded');
    assert.equal(state.status.phase, 'Succeeded');
  });

  test('inline templates and templateDefaults', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: inline}
spec:
  entrypoint: main
  templateDefaults:
    timeout: 30s
    container: {image: alpine, env: [{name: X, value: "1"}]}
  templates:
  - name: main
    steps:
    - - name: inline
        inline:
          container: {command: [echo], args: ["{{workflow.name}}"]}
    - - {name: named, template: named}
  - name: named
    container: {command: [echo], args: ["{{steps.name}} {{node.name}}"]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(pods[0]?.template.container?.image, 'alpine');
    assert.deepEqual(pods[0]?.template.container?.args, ['wf']);
    assert.deepEqual(pods[1]?.template.container?.args, ['named wf[1].named']);
    assert.equal(pods[0]?.template.timeout, '30s');
    assert.equal(pods[0]?.podName, podNameOf('wf', 'wf[0].inline', ''));
    assert.equal(nodeNamed(state, 'wf[0].inline').templateName, undefined);
  });

  test('workflow emptyDir, configMap and secret volumes reach every pod; claims stay runner volumes', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: vols}
spec:
  entrypoint: main
  volumes:
  - {name: scratch, emptyDir: {}}
  - {name: shared, emptyDir: {}}
  - {name: data, persistentVolumeClaim: {claimName: data}}
  - {name: cfg, configMap: {name: settings, optional: true}}
  templates:
  - name: main
    volumes: [{name: shared, emptyDir: {medium: Memory}}]
    container: {image: alpine, volumeMounts: [{name: scratch, mountPath: /s}, {name: shared, mountPath: /t}]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(pods[0]?.template.volumes, [
      { name: 'shared', emptyDir: { medium: 'Memory' } },
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'settings', optional: true } },
    ]);
    assert.deepEqual(pods[0]?.volumes, [{ name: 'data', hostPath: 'pvc/data' }]);
  });

  const claimedBy = (source: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: claims}
spec:
  entrypoint: main
  arguments: {parameters: [{name: source_workflow, value: "${source}"}]}
  volumes:
  - name: source-code
    persistentVolumeClaim: {claimName: "{{ workflow.parameters.source_workflow }}-source-code"}
  templates:
  - name: main
    container: {image: alpine, volumeMounts: [{name: source-code, mountPath: /source}]}
`;

  test("a claim named after a workflow parameter is the claim of that parameter's value", () => {
    const { state, pods } = runWorkflow(stateFromYaml(claimedBy('git-clone-x7')));
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(pods[0]?.volumes, [{ name: 'source-code', hostPath: 'pvc/git-clone-x7-source-code' }]);
  });

  test('a claim name Kubernetes would refuse errors the pod instead of reaching outside the volumes', () => {
    const { state, pods } = runWorkflow(stateFromYaml(claimedBy('../../etc')));
    assert.equal(pods.length, 0);
    assert.equal(state.status.phase, 'Error');
    assert.match(
      nodeNamed(state, 'wf').message ?? '',
      /claimName "\.\.\/\.\.\/etc-source-code" is not a valid/,
    );
  });
});

describe('daemons', () => {
  test('a daemon step is done once running, is reachable by IP, and is stopped when its template ends', () => {
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: daemon}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: server, template: server}
    - - name: client
        template: client
        arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}
  - name: server
    daemon: true
    container: {image: nginx}
  - name: client
    inputs: {parameters: [{name: ip}]}
    container: {image: curl, command: [curl], args: ["{{inputs.parameters.ip}}"]}
`;
    const { state, pods, actions } = runWorkflow(stateFromYaml(yaml), {
      record: true,
      script: { server: { runsForever: true } },
    });
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(pods[1]?.template.container?.args?.[0], '127.0.0.1');
    const server = nodeNamed(state, 'wf[0].server');
    assert.equal(server.phase, 'Succeeded');
    assert.equal(server.daemoned, undefined);
    assert.deepEqual(
      actions.filter((a) => a.type === 'kill-pod').map((a) => (a.type === 'kill-pod' ? a.nodeId : '')),
      [server.id],
    );
  });
});

describe('templateRef and workflowTemplateRef', () => {
  const templates = `
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: lib}
spec:
  entrypoint: hello
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: hello
    inputs: {parameters: [{name: who}]}
    steps:
    - - name: say
        template: say
        arguments: {parameters: [{name: who, value: "{{inputs.parameters.who}}"}]}
  - name: say
    inputs: {parameters: [{name: who}]}
    container: {image: busybox, command: [echo], args: ["hello {{inputs.parameters.who}}"]}
---
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: shared}
spec:
  templates:
  - name: bye
    container: {image: busybox, command: [echo], args: [bye]}
`;

  test('templateRef resolves in the referenced template, whose local names stay in its scope', () => {
    const yaml = `${templates}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: refs}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: hi
        templateRef: {name: lib, template: hello}
        arguments: {parameters: [{name: who, value: you}]}
    - - name: bye
        templateRef: {name: shared, template: bye, clusterScope: true}
  - name: say
    container: {image: busybox, command: [echo], args: [wrong scope]}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml));
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(
      pods.map((p) => p.template.container?.args?.[0]),
      ['hello you', 'bye'],
    );
    const hi = nodeNamed(state, 'wf[0].hi');
    assert.deepEqual(hi.templateRef, { name: 'lib', template: 'hello' });
    assert.equal(hi.templateScope, 'local/wf');
    assert.equal(nodeNamed(state, 'wf[0].hi[0].say').templateScope, 'namespaced/lib');
    assert.equal(pods[1]?.podName, podNameOf('wf', 'wf[1].bye', 'bye'));
  });

  test('workflowTemplateRef runs the template’s entrypoint with merged arguments', () => {
    const yaml = `${templates}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: byref}
spec:
  workflowTemplateRef: {name: lib}
`;
    const { state, pods } = runWorkflow(stateFromYaml(yaml, { parameters: { who: 'ci' } }));
    assert.equal(state.status.phase, 'Succeeded');
    assert.equal(pods[0]?.template.container?.args?.[0], 'hello ci');
  });

  test('an unknown workflowTemplateRef is an input error; an unknown templateRef errors its node', () => {
    const wf = workflowFromYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: x}
spec:
  workflowTemplateRef: {name: nope}
`);
    assert.throws(() => createWorkflowState({ workflow: wf }), WorkflowInputError);
    const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: x}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, templateRef: {name: nope, template: t}}
`;
    const { state } = runWorkflow(stateFromYaml(yaml));
    assert.equal(
      nodeNamed(state, 'wf[0].a').message,
      'template "t" not found in workflowtemplates.argoproj.io "nope"',
    );
  });
});
