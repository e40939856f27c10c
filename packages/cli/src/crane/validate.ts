import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ImageSource,
  openDockerArchive,
  openVerifiedBlob,
  parseManifest,
  type RawManifest,
  readVerifiedBlob,
  resolveImage,
} from '@slipway/oci';
import { UsageError } from '../usage-error';
import { withImage } from './inspect';
import type { CraneGlobals, CraneIo } from './io';
import { cranePlatform } from './registries';

/** Flags of `crane validate`. */
export interface ValidateFlags extends CraneGlobals {
  remote?: string;
  tarball?: string;
  fast?: boolean;
}

const MAX_DEPTH = 4;

/** Reads every manifest, config and (unless `fast`) layer under `raw`, checking each against its digest. */
async function validateTree(source: ImageSource, raw: RawManifest, fast: boolean, depth = 0): Promise<void> {
  const parsed = parseManifest(raw, `${source.name} manifest ${raw.digest}`);
  if (parsed.kind === 'index') {
    if (depth >= MAX_DEPTH) throw new UsageError(`${source.name}: indexes nested deeper than ${MAX_DEPTH}`);
    for (const entry of parsed.index.manifests)
      await validateTree(source, await source.getManifest(entry.digest), fast, depth + 1);
    return;
  }
  await readVerifiedBlob(source, parsed.manifest.config);
  if (fast) return;
  for (const layer of parsed.manifest.layers) {
    await pipeline(
      await openVerifiedBlob(source, layer),
      new Writable({ write: (_chunk, _encoding, done) => done() }),
    );
  }
}

async function validateOne(
  what: string,
  source: ImageSource,
  reference: string | undefined,
  flags: ValidateFlags,
  io: CraneIo,
): Promise<void> {
  try {
    const platform = cranePlatform(flags);
    const start = platform
      ? (await resolveImage(source, { ...(reference ? { reference } : {}), platform })).manifest
      : await source.getManifest(reference);
    await validateTree(source, start, flags.fast === true);
    io.stdout.write(`PASS: ${what}\n`);
  } catch (error) {
    io.stdout.write(`FAIL: ${what}: ${error instanceof Error ? error.message : String(error)}\n`);
    io.setExitCode(1);
  }
}

/** `crane validate --remote IMAGE | --tarball FILE [--fast]`: prints `PASS: …` or `FAIL: …: why` (exit 1). */
export async function runCraneValidate(flags: ValidateFlags, io: CraneIo): Promise<void> {
  if (flags.remote === undefined && flags.tarball === undefined)
    throw new UsageError('crane validate needs --remote IMAGE or --tarball FILE');
  if (flags.tarball !== undefined) {
    const archive = await openDockerArchive(flags.tarball);
    try {
      await validateOne(flags.tarball, archive, undefined, flags, io);
    } finally {
      await archive.close();
    }
  }
  if (flags.remote !== undefined) {
    const remote = flags.remote;
    await withImage(remote, flags, io, ({ source, reference }) =>
      validateOne(remote, source, reference, flags, io),
    );
  }
}
