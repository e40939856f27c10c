import { formatImageReference, writeDockerArchive, writeOciLayout } from '@slipway/oci';
import { parseLocation, registryRef } from '../image/locations';
import { openSource } from '../image/open-location';
import { UsageError } from '../usage-error';
import { CraneUnsupportedError } from './errors';
import type { CraneGlobals, CraneIo } from './io';
import { cranePlatform, withRegistries } from './registries';

/** Flags of `crane pull`. */
export interface PullFlags extends CraneGlobals {
  format: string;
  annotateRef?: boolean;
  cachePath?: string;
}

/** `crane pull IMAGE… PATH`: a docker tarball (`tarball`, `legacy`) or an OCI layout directory (`oci`). */
export async function runCranePull(args: string[], flags: PullFlags, io: CraneIo): Promise<void> {
  const path = args.at(-1);
  const images = args.slice(0, -1);
  if (path === undefined || images.length === 0)
    throw new UsageError('crane pull needs IMAGE… and a PATH to write to');
  if (flags.format !== 'oci' && images.length > 1)
    throw new CraneUnsupportedError(
      'pull of several images into one tarball',
      'pull them one by one, or into one OCI layout with --format oci',
    );
  const platform = cranePlatform(flags);
  await withRegistries(flags, io, async (pool) => {
    for (const image of images) {
      const location = await parseLocation(image);
      if (location.kind !== 'registry') throw new UsageError(`\`${image}\` is not a registry reference`);
      const source = await openSource(location, pool);
      const reference = registryRef(location.reference);
      try {
        if (flags.format === 'oci') {
          await writeOciLayout(path, source.source, {
            reference,
            ...(platform ? { platform } : {}),
            ...(flags.annotateRef ? { tag: formatImageReference(location.reference) } : {}),
          });
        } else {
          const { registry, repository, tag } = location.reference;
          await writeDockerArchive(path, source.source, {
            reference,
            ...(platform ? { platform } : {}),
            ...(location.reference.digest && !tag
              ? {}
              : { tags: [`${registry}/${repository}:${tag ?? 'latest'}`] }),
          });
        }
      } finally {
        await source.close();
      }
    }
  });
}
