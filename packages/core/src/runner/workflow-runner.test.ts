import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../../oci/src/testing/image-builder';
import { dockerRegistrySkip, startTestRegistry, type TestRegistry } from '../../../oci/src/testing/registry';
import type { NodeStatus } from '../engine/model';
import { DirectoryArtifactStore, ImageCache, LocalExecutor } from '../executor/local';
import { loadDocuments } from '../spec/load';
import type { Workflow } from '../spec/model/manifests';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { WorkflowRunner } from './workflow-runner';

const skip = dockerRegistrySkip() || (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed');

const pipeline = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: pipeline
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: greeting
        value: hello
  volumeClaimTemplates:
    - metadata: {name: work}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  templates:
    - name: main
      dag:
        tasks:
          - name: write
            template: write
          - name: read
            template: read
            depends: write
            arguments:
              parameters:
                - name: said
                  value: "{{tasks.write.outputs.result}}"
    - name: write
      container:
        image: busybox:1.36
        command: [sh, -c]
        args: ["echo {{workflow.parameters.greeting}} > /work/file && cat /work/file"]
        volumeMounts: [{name: work, mountPath: /work}]
    - name: read
      inputs:
        parameters: [{name: said}]
      outputs:
        parameters:
          - name: upper
            valueFrom: {path: /tmp/upper}
      script:
        image: busybox:1.36
        command: [sh]
        source: |
          test "$(cat /work/file)" = "{{inputs.parameters.said}}"
          echo "{{inputs.parameters.said}}" | tr a-z A-Z > /tmp/upper
          echo read ok
        volumeMounts: [{name: work, mountPath: /work}]
`;

describe('WorkflowRunner with the SQLite store and bubblewrap sandboxes', { skip }, () => {
  let registry: TestRegistry;
  const home = mkdtempSync(join(tmpdir(), 'slipway-runner-'));

  before(async () => {
    registry = await startTestRegistry('plain');
    const image = await buildBusyboxImage({ applets: ['sh', 'echo', 'cat', 'test', 'tr', '['] });
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(image, [{ sink: client.repository('library/busybox'), tag: '1.36' }]);
    await client.close();
  });

  after(async () => {
    await registry?.stop();
  });

  test('a DAG passes a result and a volume between sandboxed steps; status, outputs and logs are stored', async () => {
    const store = new SqliteStore(join(home, 'slipway.db'));
    const executor = new LocalExecutor({
      workDir: join(home, 'pods'),
      images: new ImageCache({
        dir: join(home, 'images'),
        registry: { mirrors: { 'docker.io': registry.host }, insecure: [registry.host] },
      }),
      artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
    });
    const runner = new WorkflowRunner({ store, executor, volumesDir: join(home, 'volumes') });
    const load = loadDocuments([{ file: 'pipeline.yaml', text: pipeline }]);
    assert.deepEqual(load.diagnostics, []);
    const workflow = load.manifests[0]!.manifest as Workflow;
    await runner.submit({ workflow, name: 'pipeline', uid: 'uid-1', parameters: { greeting: 'bonjour' } });
    await runner.idle();
    const record = await store.getWorkflow('pipeline');
    const status = record?.status as { phase: string; nodes: Record<string, NodeStatus> };
    const nodes = Object.values(status.nodes);
    const byName = (name: string) => nodes.find((n) => n.displayName === name);
    assert.equal(
      status.phase,
      'Succeeded',
      JSON.stringify(nodes.map((n) => [n.displayName, n.phase, n.message])),
    );
    assert.equal(byName('write')?.outputs?.result, 'bonjour');
    assert.deepEqual(byName('read')?.outputs?.parameters, [
      { name: 'upper', value: 'BONJOUR', valueFrom: { path: '/tmp/upper' } },
    ]);
    const logs = await store.readLogs('pipeline', { nodeId: byName('read')!.id });
    assert.match(logs.map((l) => l.text).join(''), /read ok/);
    await executor.close();
    await store.close();
  });
});
