import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyImage } from '../../copy/copy-image';
import { readLayerEntries } from '../../formats/layer/read-layer';
import { parseImageConfig } from '../../formats/shared/parse-manifest';
import { readVerifiedBlob } from '../../formats/shared/read-blob';
import { resolveImage } from '../../formats/shared/resolve-image';
import type { ImageConfig } from '../../model/descriptors';
import type { ImageSource } from '../../model/image-store';
import { RegistryClient } from '../../registry/registry-client';
import { buildBusyboxImage } from '../../testing/image-builder';
import { startTestRegistry, type TestRegistry } from '../../testing/registry/test-registry';
import { type BuildResult, buildImage } from '../build-image';
import type { BuildOptions } from '../build-options';
import type { BuildEvent } from '../stage/build-env';

/** A registry holding a busybox base image, and a scratch directory, for build tests. */
export interface BuildFixture {
  readonly registry: TestRegistry;
  readonly client: RegistryClient;
  /** `127.0.0.1:PORT/base/busybox:latest` */
  readonly base: string;
  readonly dir: string;
  /** Writes files (path → content) into a fresh context directory and returns it. */
  context(files: Readonly<Record<string, string>>): Promise<string>;
  /** Builds with the fixture's registry; events are collected. */
  build(options: Omit<BuildOptions, 'openRepository'>): Promise<BuildResult & { events: BuildEvent[] }>;
  stop(): Promise<void>;
}

/** Starts a registry and pushes a busybox image to it (with /etc/passwd and /etc/group for USER tests). */
export async function startBuildFixture(): Promise<BuildFixture> {
  const registry = await startTestRegistry('plain');
  const client = new RegistryClient(registry.host);
  const busybox = await buildBusyboxImage({
    extraFiles: {
      'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n',
      'etc/group': 'root:x:0:\napp:x:1000:\nstaff:x:50:\n',
    },
  });
  await copyImage(busybox, [{ sink: client.repository('base/busybox'), tag: 'latest' }]);
  const dir = await mkdtemp(join(tmpdir(), 'slipway-build-test-'));
  let contexts = 0;
  return {
    registry,
    client,
    base: `${registry.host}/base/busybox:latest`,
    dir,
    async context(files) {
      const root = join(dir, `context-${++contexts}`);
      await mkdir(root, { recursive: true });
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
      }
      return root;
    },
    async build(options) {
      const events: BuildEvent[] = [];
      const result = await buildImage({
        ...options,
        openRepository: (host, repository) => new RegistryClient(host).repository(repository),
        onEvent: (event) => events.push(event),
      });
      return { ...result, events };
    },
    async stop() {
      await client.close();
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The config of a single image in a source. */
export async function configOf(source: ImageSource): Promise<ImageConfig> {
  const { parsed } = await resolveImage(source);
  return parseImageConfig(await readVerifiedBlob(source, parsed.config), source.name);
}

/** The entries of layer `index` (negative from the end) of an image, with file bytes. */
export async function layerEntriesOf(source: ImageSource, index: number) {
  const { parsed } = await resolveImage(source);
  const descriptor = parsed.layers.at(index);
  if (!descriptor) throw new Error(`no layer ${index}`);
  return readLayerEntries(await source.openBlob(descriptor));
}
