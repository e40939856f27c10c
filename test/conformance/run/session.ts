// One run's machinery: a store and artifacts in a temporary home, the local executor pulling stand-ins from
// the loopback registry, one WorkflowRunner driving every workflow, and the templates stored up front.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryArtifactStore,
  ImageCache,
  type ImageSourceResolver,
  LocalExecutor,
  type Manifest,
  WorkflowRunner as Runner,
  SqliteStore,
  type Template,
  type TemplateRef,
  type WorkflowRunner,
  type WorkflowSpec,
} from '@slipway/core';

/** The parts every workflow of a run shares. */
export interface Session {
  readonly home: string;
  readonly store: SqliteStore;
  readonly runner: WorkflowRunner;
  readonly resolveTemplateRef: (ref: TemplateRef) => Template | undefined;
  readonly resolveWorkflowTemplate: (name: string, clusterScope: boolean) => WorkflowSpec | undefined;
  readonly configMaps: Readonly<Record<string, Record<string, string>>>;
  close(): Promise<void>;
}

/** Where images come from, and the templates to store. */
export interface SessionOptions {
  readonly images: ImageSourceResolver;
  /** WorkflowTemplates and ClusterWorkflowTemplates to store, as `slipway template create` does. */
  readonly templates: readonly Manifest[];
  /** ConfigMaps to store (for steps' env and volumes) and give to runs (for parameters). */
  readonly configMaps: Readonly<Record<string, Record<string, string>>>;
  /** Keep the temporary home (its path is printed) instead of deleting it. */
  readonly keepHome?: boolean;
}

/** Opens a session in a new temporary home. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const home = await mkdtemp(join(tmpdir(), 'slipway-conformance-'));
  const store = new SqliteStore(join(home, 'slipway.db'));
  const specs = new Map<string, WorkflowSpec>();
  for (const template of options.templates) {
    if (template.kind !== 'WorkflowTemplate' && template.kind !== 'ClusterWorkflowTemplate') continue;
    const name = template.metadata?.name ?? '';
    await store.putTemplate(template.kind, name, template);
    specs.set(`${template.kind}/${name}`, template.spec);
  }
  for (const [name, data] of Object.entries(options.configMaps)) await store.putConfigMap(name, data);
  const specOf = (name: string, clusterScope: boolean) =>
    specs.get(`${clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'}/${name}`);
  const executor = new LocalExecutor({
    workDir: join(home, 'pods'),
    images: new ImageCache({
      dir: join(home, 'images'),
      resolver: options.images,
    }),
    artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
    secrets: (name) => store.getSecret(name),
    configMaps: (name) => store.getConfigMap(name),
  });
  const runner = new Runner({ store, executor, volumesDir: join(home, 'volumes') });
  return {
    home,
    store,
    runner,
    configMaps: options.configMaps,
    resolveWorkflowTemplate: specOf,
    resolveTemplateRef: (ref) =>
      specOf(ref.name ?? '', ref.clusterScope === true)?.templates?.find((t) => t.name === ref.template),
    async close() {
      await executor.close();
      await store.close();
      if (!options.keepHome) await rm(home, { recursive: true, force: true });
    },
  };
}
