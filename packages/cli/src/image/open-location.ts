import {
  type BlobMounter,
  createOciLayout,
  type ImageSink,
  type ImageSource,
  openDockerArchive,
  openOciArchive,
  openOciLayout,
} from '@slipway/oci';
import { UsageError } from '../usage-error';
import { type ImageLocation, registryRef } from './locations';
import type { RegistryPool } from './registry-pool';

/** An opened source, its reference there, and how to release it. */
export interface OpenedSource {
  readonly source: ImageSource;
  readonly reference?: string;
  readonly close: () => Promise<void>;
}

/** Opens a location to read an image from. */
export async function openSource(location: ImageLocation, pool: RegistryPool): Promise<OpenedSource> {
  switch (location.kind) {
    case 'registry': {
      const { registry, repository } = location.reference;
      return {
        source: pool.client(registry).repository(repository),
        reference: registryRef(location.reference),
        close: async () => {},
      };
    }
    case 'oci': {
      const layout = await openOciLayout(location.path, location.ref ? { ref: location.ref } : {});
      return { source: layout, close: () => layout.close() };
    }
    case 'oci-archive': {
      const archive = await openOciArchive(location.path, location.ref ? { ref: location.ref } : {});
      return { source: archive, close: () => archive.close() };
    }
    case 'docker-archive': {
      const archive = await openDockerArchive(location.path, location.ref ? { tag: location.ref } : {});
      return { source: archive, close: () => archive.close() };
    }
  }
}

/** Opens a location to write an image to (registries and OCI layouts; archives are written whole instead). */
export async function openSink(
  location: ImageLocation,
  pool: RegistryPool,
): Promise<{ sink: ImageSink & Partial<BlobMounter>; tag?: string }> {
  switch (location.kind) {
    case 'registry': {
      const { registry, repository, tag, digest } = location.reference;
      if (digest && !tag)
        throw new UsageError(`\`${location.text}\`: a destination needs a tag, not only a digest`);
      return { sink: pool.destination(registry, repository), tag: tag ?? 'latest' };
    }
    case 'oci':
      return { sink: await createOciLayout(location.path), ...(location.ref ? { tag: location.ref } : {}) };
    default:
      throw new UsageError(
        `\`${location.text}\`: write archives with \`slipway image pull --format tar|oci\` (one destination)`,
      );
  }
}
