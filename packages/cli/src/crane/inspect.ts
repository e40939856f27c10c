import {
  type ImageSource,
  openDockerArchive,
  type RawManifest,
  readVerifiedBlob,
  resolveImage,
} from '@slipway/oci';
import { parseLocation } from '../image/locations';
import { type OpenedSource, openSource } from '../image/open-location';
import { UsageError } from '../usage-error';
import type { CraneGlobals, CraneIo } from './io';
import { cranePlatform, withRegistries } from './registries';

/** Flags of `crane digest`. */
export interface DigestFlags extends CraneGlobals {
  tarball?: string;
  fullRef?: boolean;
}

/** Opens IMAGE (a registry reference, or a layout or archive path) and hands it to `work`. */
export async function withImage<T>(
  image: string,
  globals: CraneGlobals,
  io: CraneIo,
  work: (opened: OpenedSource) => Promise<T>,
): Promise<T> {
  const location = await parseLocation(image);
  return withRegistries(globals, io, async (pool) => {
    const opened = await openSource(location, pool);
    try {
      return await work(opened);
    } finally {
      await opened.close();
    }
  });
}

/** The manifest IMAGE names, or with `--platform` the manifest of that platform when it is an index. */
async function manifestOf(
  source: ImageSource,
  reference: string | undefined,
  globals: CraneGlobals,
): Promise<RawManifest> {
  const platform = cranePlatform(globals);
  if (!platform) return source.getManifest(reference);
  return (await resolveImage(source, { ...(reference ? { reference } : {}), platform })).manifest;
}

/** `crane digest IMAGE` (or `--tarball FILE [TAG]`): prints the digest alone, or `REPO@DIGEST` with `--full-ref`. */
export async function runCraneDigest(
  image: string | undefined,
  flags: DigestFlags,
  io: CraneIo,
): Promise<void> {
  if (flags.tarball !== undefined) {
    if (flags.fullRef) throw new UsageError('--full-ref cannot be used with --tarball');
    const archive = await openDockerArchive(flags.tarball, image ? { tag: image } : {});
    try {
      io.stdout.write(`${(await manifestOf(archive, undefined, flags)).digest}\n`);
    } finally {
      await archive.close();
    }
    return;
  }
  if (image === undefined) throw new UsageError('crane digest needs an IMAGE (or --tarball FILE)');
  const location = await parseLocation(image);
  if (flags.fullRef && location.kind !== 'registry')
    throw new UsageError('--full-ref needs a registry IMAGE');
  await withImage(image, flags, io, async ({ source, reference }) => {
    const { digest } = await manifestOf(source, reference, flags);
    if (flags.fullRef && location.kind === 'registry') {
      const { registry, repository } = location.reference;
      io.stdout.write(`${registry}/${repository}@${digest}\n`);
    } else io.stdout.write(`${digest}\n`);
  });
}

/** `crane manifest IMAGE`: the manifest's bytes exactly as stored. */
export async function runCraneManifest(image: string, globals: CraneGlobals, io: CraneIo): Promise<void> {
  await withImage(image, globals, io, async ({ source, reference }) => {
    io.stdout.write(Buffer.from((await manifestOf(source, reference, globals)).bytes));
  });
}

/** `crane config IMAGE`: the image configuration's bytes (of this machine's platform, or `--platform`'s). */
export async function runCraneConfig(image: string, globals: CraneGlobals, io: CraneIo): Promise<void> {
  await withImage(image, globals, io, async ({ source, reference }) => {
    const platform = cranePlatform(globals);
    const resolved = await resolveImage(source, {
      ...(reference ? { reference } : {}),
      ...(platform ? { platform } : {}),
    });
    io.stdout.write(await readVerifiedBlob(source, resolved.parsed.config));
  });
}
