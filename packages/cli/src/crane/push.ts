import { writeFile } from 'node:fs/promises';
import { copyImage, type ImageSource, openOciLayout } from '@slipway/oci';
import { type ImageLocation, parseLocation } from '../image/locations';
import { openSink, openSource } from '../image/open-location';
import { copyProgress } from '../image/progress';
import type { RegistryPool } from '../image/registry-pool';
import { UsageError } from '../usage-error';
import { CraneAmbiguousLayoutError, CraneUnsupportedError } from './errors';
import type { CraneGlobals, CraneIo } from './io';
import { layoutAsIndex } from './layout-index-source';
import { cranePlatform, withRegistries } from './registries';

/** Flags of `crane push`. */
export interface PushFlags extends CraneGlobals {
  imageRefs?: string;
  index?: boolean;
}

/** The image to push: an OCI layout (whole, as an index, with `--index`) or an image tarball. */
async function pushSource(
  location: ImageLocation,
  flags: PushFlags,
  pool: RegistryPool,
): Promise<{ source: ImageSource; close: () => Promise<void> }> {
  if (location.kind === 'oci' && location.ref === undefined) {
    const layout = await openOciLayout(location.path);
    if (flags.index) return { source: layoutAsIndex(layout), close: () => layout.close() };
    if (layout.index.manifests.length > 1)
      throw new CraneAmbiguousLayoutError(location.path, layout.index.manifests.length);
    return { source: layout, close: () => layout.close() };
  }
  if (location.kind === 'registry')
    throw new UsageError(`\`${location.text}\` is neither an image tarball nor an OCI layout directory`);
  if (flags.index)
    throw new CraneUnsupportedError('push --index', 'it reads an OCI layout directory, not an archive');
  return openSource(location, pool);
}

/** `crane push PATH IMAGE`: sends a tarball or OCI layout to a registry and prints `REPO@DIGEST`. */
export async function runCranePush(
  path: string,
  image: string,
  flags: PushFlags,
  io: CraneIo,
): Promise<void> {
  const destination = await parseLocation(image);
  if (destination.kind !== 'registry')
    throw new UsageError(`\`${image}\` is not a registry reference (crane push sends to a registry)`);
  await withRegistries(flags, io, async (pool) => {
    const source = await pushSource(await parseLocation(path), flags, pool);
    try {
      const platform = cranePlatform(flags);
      const result = await copyImage(source.source, [await openSink(destination, pool)], {
        ...(platform ? { platform } : { allPlatforms: true }),
        failFast: true,
        ...(flags.verbose ? { onEvent: copyProgress({ write: (t) => io.stderr.write(t), tty: false }) } : {}),
      });
      const failure = result.destinations.find((d) => !d.ok)?.error;
      if (failure) throw failure;
      const { registry, repository } = destination.reference;
      const pushed = `${registry}/${repository}@${result.digest}`;
      if (flags.imageRefs) await writeFile(flags.imageRefs, pushed, { mode: 0o600 });
      io.stdout.write(`${pushed}\n`);
    } finally {
      await source.close();
    }
  });
}
