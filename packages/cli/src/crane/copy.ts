import { copyImage, formatImageReference, type ImageReference } from '@slipway/oci';
import { type ImageLocation, parseLocation } from '../image/locations';
import { openSink, openSource } from '../image/open-location';
import { copyProgress } from '../image/progress';
import type { RegistryPool } from '../image/registry-pool';
import { UsageError } from '../usage-error';
import type { CraneGlobals, CraneIo } from './io';
import { cranePlatform, withRegistries } from './registries';

/** Flags of `crane copy`. */
export interface CopyFlags extends CraneGlobals {
  allTags?: boolean;
  noClobber?: boolean;
  jobs?: string;
}

function jobsOf(flags: CopyFlags): number | undefined {
  if (flags.jobs === undefined) return undefined;
  const jobs = Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 0)
    throw new UsageError(`-j/--jobs must be a whole number, got \`${flags.jobs}\``);
  return jobs === 0 ? undefined : jobs;
}

async function copyOne(
  source: ImageLocation,
  destination: ImageLocation,
  flags: CopyFlags,
  pool: RegistryPool,
  io: CraneIo,
): Promise<void> {
  if (flags.noClobber && destination.kind === 'registry') {
    const { registry, repository, tag } = destination.reference;
    if (
      await pool
        .client(registry)
        .repository(repository)
        .headManifest(tag ?? 'latest')
    ) {
      io.stderr.write(`${destination.text} exists, not overwriting it (--no-clobber)\n`);
      return;
    }
  }
  io.stderr.write(`Copying from ${source.text} to ${destination.text}\n`);
  const opened = await openSource(source, pool);
  try {
    const platform = cranePlatform(flags);
    const concurrency = jobsOf(flags);
    const result = await copyImage(opened.source, [await openSink(destination, pool)], {
      ...(opened.reference ? { reference: opened.reference } : {}),
      ...(platform ? { platform } : { allPlatforms: true }),
      ...(concurrency ? { concurrency } : {}),
      failFast: true,
      ...(flags.verbose ? { onEvent: copyProgress({ write: (t) => io.stderr.write(t), tty: false }) } : {}),
    });
    const failure = result.destinations.find((d) => !d.ok)?.error;
    if (failure) throw failure;
  } finally {
    await opened.close();
  }
}

function withTag(reference: ImageReference, tag: string): ImageLocation {
  const moved = { registry: reference.registry, repository: reference.repository, tag, original: '' };
  const text = formatImageReference(moved);
  return { kind: 'registry', reference: { ...moved, original: text }, text };
}

/** `crane copy SRC DST`: one image, or with `--all-tags` every tag of SRC's repository into DST's. */
export async function runCraneCopy(
  source: string,
  destination: string,
  flags: CopyFlags,
  io: CraneIo,
): Promise<void> {
  const from = await parseLocation(source);
  const to = await parseLocation(destination);
  await withRegistries(flags, io, async (pool) => {
    if (!flags.allTags) return copyOne(from, to, flags, pool, io);
    if (from.kind !== 'registry' || to.kind !== 'registry')
      throw new UsageError('crane copy --all-tags copies between registry repositories');
    const tags = await pool.client(from.reference.registry).repository(from.reference.repository).listTags();
    for (const tag of tags)
      await copyOne(withTag(from.reference, tag), withTag(to.reference, tag), flags, pool, io);
  });
}
