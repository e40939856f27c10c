import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DirectoryArtifactStore,
  ImageCache,
  LocalExecutor,
  loadDocuments,
  SqliteStore,
  type Workflow,
  WorkflowRunner,
} from '@slipway/core';
import { copyImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

// The shape of Argo's e2e/functional/tty.yaml: a script with `tty: true` runs on a terminal, one without does not.
const skip =
  dockerRegistrySkip() ||
  (existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed') ||
  (existsSync('/usr/bin/script') ? false : 'script (util-linux) not installed');

const WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: tty}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - {name: tty-true, template: tty-true}
          - {name: tty-false, template: tty-false}
    - name: tty-true
      script:
        tty: true
        stdin: true
        image: busybox:1.36
        command: [sh]
        source: |
          if [ ! -t 0 ]; then
            echo "I should be in a terminal but I'm not"
            exit 1
          fi
          [ -t 1 ] && echo "stdout is the terminal"
          echo "stderr goes there too" >&2
    - name: tty-false
      script:
        image: busybox:1.36
        command: [sh]
        source: |
          if [ -t 0 ]; then
            echo "I should not be in a terminal but I am"
            exit 1
          fi
          [ -t 1 ] || echo "stdout is not a terminal"
`;

describe('tty: true', { skip }, () => {
  let registry: TestRegistry;
  let home: string;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'slipway-tty-'));
    registry = await startTestRegistry('plain');
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(await buildBusyboxImage({ applets: ['sh'] }), [
      { sink: client.repository('library/busybox'), tag: '1.36' },
    ]);
    await client.close();
  });
  after(async () => {
    await registry?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test('a script with tty: true runs on a terminal; its sibling without does not', async () => {
    const store = new SqliteStore(join(home, 'slipway.db'));
    const executor = new LocalExecutor({
      workDir: join(home, 'pods'),
      images: new ImageCache({
        dir: join(home, 'images'),
        registry: { mirrors: { 'docker.io': registry.host }, insecure: [registry.host] },
      }),
      artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
    });
    try {
      const runner = new WorkflowRunner({ store, executor, volumesDir: join(home, 'volumes') });
      const workflow = loadDocuments([{ file: 'tty.yaml', text: WORKFLOW }]).manifests[0]!
        .manifest as Workflow;
      await runner.submit({ workflow, name: 'tty', uid: 'tty-uid' });
      await runner.idle();
      const status = (await store.getWorkflow('tty'))?.status as {
        phase: string;
        nodes: Record<string, { id: string; displayName: string; phase: string }>;
      };
      const byName = new Map(Object.values(status.nodes).map((n) => [n.displayName, n]));
      const logs = async (name: string) => {
        const entries = await store.readLogs('tty', { nodeId: byName.get(name)!.id });
        const of = (stream: string) =>
          entries
            .filter((entry) => entry.stream === stream)
            .map((entry) => entry.text)
            .join('');
        return { stdout: of('stdout'), stderr: of('stderr') };
      };
      const withTty = await logs('tty-true');
      const withoutTty = await logs('tty-false');
      assert.equal(byName.get('tty-true')?.phase, 'Succeeded', JSON.stringify(withTty));
      assert.equal(byName.get('tty-false')?.phase, 'Succeeded', JSON.stringify(withoutTty));
      assert.equal(status.phase, 'Succeeded');
      // A terminal merges stderr into its output; its newlines are kept as they are (no CR LF).
      assert.deepEqual(withTty, { stdout: 'stdout is the terminal\nstderr goes there too\n', stderr: '' });
      assert.deepEqual(withoutTty, { stdout: 'stdout is not a terminal\n', stderr: '' });
    } finally {
      await executor.close();
      await store.close();
    }
  });
});
