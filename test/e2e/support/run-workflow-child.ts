// Child process for the crash test: runs (or resumes) the workflow in `home`, so the parent can kill -9 it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DirectoryArtifactStore,
  ImageCache,
  LocalExecutor,
  loadDocuments,
  SqliteStore,
  type Workflow,
  WorkflowRunner,
} from '@slipway/core';

const [home, registryHost, file, mode] = process.argv.slice(2) as [
  string,
  string,
  string,
  'submit' | 'resume',
];
const store = new SqliteStore(join(home, 'slipway.db'));
const executor = new LocalExecutor({
  workDir: join(home, 'pods'),
  images: new ImageCache({
    dir: join(home, 'images'),
    registry: { mirrors: { 'docker.io': registryHost }, insecure: [registryHost] },
  }),
  artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
});
const runner = new WorkflowRunner({ store, executor, volumesDir: join(home, 'volumes') });
if (mode === 'submit') {
  const workflow = loadDocuments([{ file, text: readFileSync(file, 'utf8') }]).manifests[0]!
    .manifest as Workflow;
  await runner.submit({ workflow, name: 'crash', uid: 'crash-uid' });
} else {
  await runner.resumeAll();
}
await runner.idle();
await executor.close();
await store.close();
