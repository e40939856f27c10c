import {
  type CopyResult,
  copyImage,
  type Platform,
  parsePlatform,
  writeDockerArchive,
  writeOciArchive,
  writeOciLayout,
} from '@slipway/oci';
import { formatBytes } from '../image/format-bytes';
import { parseLocation, registryRef } from '../image/locations';
import { openSink, openSource } from '../image/open-location';
import { copyProgress } from '../image/progress';
import { RegistryPool, type RegistrySettings } from '../image/registry-pool';
import { UsageError } from '../usage-error';

/** What the image commands read and write outside themselves. */
export interface ImageIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly setExitCode: (code: number) => void;
}

/** Registry flags shared by the image commands. */
export interface RegistryFlags {
  insecureRegistry: string[];
  insecure?: boolean;
  caCert: string[];
  retries?: string;
  chunkSize?: string;
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got \`${value}\``);
  return n;
}

function pool(flags: RegistryFlags, io: ImageIo): RegistryPool {
  const retries = integer(flags.retries, '--retries');
  const chunkSize = integer(flags.chunkSize, '--chunk-size');
  const settings: RegistrySettings = {
    insecure: flags.insecure ? ['*'] : flags.insecureRegistry,
    caFiles: flags.caCert,
    env: io.env,
    ...(retries !== undefined ? { retries } : {}),
    ...(chunkSize !== undefined ? { chunkSize } : {}),
  };
  return new RegistryPool(settings);
}

/** Flags of push and copy. */
export interface CopyFlags extends RegistryFlags {
  output: string;
  platform?: string;
  allPlatforms?: boolean;
  failFast?: boolean;
  concurrency?: string;
}

function reportCopy(result: CopyResult, flags: CopyFlags, io: ImageIo): void {
  if (flags.output === 'json') {
    const report = {
      digest: result.digest,
      mediaType: result.mediaType,
      destinations: result.destinations.map((d) => ({
        name: d.name,
        tag: d.tag,
        ok: d.ok,
        digest: d.digest,
        uploaded: d.uploaded,
        existing: d.existing,
        mounted: d.mounted,
        bytesUploaded: d.bytesUploaded,
        ...(d.error
          ? { error: { message: d.error.message, code: (d.error as { code?: string }).code } }
          : {}),
      })),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const d of result.destinations) {
      if (d.ok) {
        io.stdout.write(
          `${d.name}${d.tag ? `:${d.tag}` : ''}@${result.digest} (${d.uploaded} sent, ${formatBytes(d.bytesUploaded)}; ${d.existing} already there; ${d.mounted} mounted)\n`,
        );
      } else {
        io.stdout.write(`${d.name}: FAILED: ${d.error?.message ?? 'unknown error'}\n`);
      }
    }
  }
  io.setExitCode(result.destinations.every((d) => d.ok) ? 0 : 1);
}

/** push and copy: one source to many destinations. */
export async function runCopy(
  sourceText: string,
  destinationTexts: string[],
  flags: CopyFlags,
  io: ImageIo,
): Promise<void> {
  const registries = pool(flags, io);
  const source = await openSource(await parseLocation(sourceText), registries);
  try {
    const destinations = await Promise.all(
      destinationTexts.map(async (text) => openSink(await parseLocation(text), registries)),
    );
    const concurrency = integer(flags.concurrency, '--concurrency');
    const platform: Platform | undefined = flags.platform ? parsePlatform(flags.platform) : undefined;
    const result = await copyImage(source.source, destinations, {
      ...(source.reference ? { reference: source.reference } : {}),
      ...(platform ? { platform } : {}),
      allPlatforms: flags.allPlatforms === true,
      failFast: flags.failFast === true,
      ...(concurrency ? { concurrency } : {}),
      ...(flags.output === 'json'
        ? {}
        : { onEvent: copyProgress({ write: (t) => io.stderr.write(t), tty: io.stderr.isTTY === true }) }),
    });
    reportCopy(result, flags, io);
  } finally {
    await source.close();
    await registries.close();
  }
}

/** pull: a registry image into a docker-archive tar, an OCI layout or an OCI archive. */
export async function runPull(
  reference: string,
  path: string,
  flags: RegistryFlags & { format: string; platform?: string },
  io: ImageIo,
): Promise<void> {
  const registries = pool(flags, io);
  const location = await parseLocation(reference);
  const source = await openSource(location, registries);
  try {
    const platform = flags.platform ? { platform: parsePlatform(flags.platform) } : {};
    const ref = source.reference ? { reference: source.reference } : {};
    const tag =
      location.kind === 'registry'
        ? `${location.reference.registry}/${location.reference.repository}:${location.reference.tag ?? 'latest'}`
        : undefined;
    if (flags.format === 'tar') {
      const written = await writeDockerArchive(path, source.source, {
        ...ref,
        ...platform,
        ...(tag ? { tags: [tag] } : {}),
      });
      io.stdout.write(
        `${path}: ${written.repoTags.join(', ') || 'image'} (config ${written.configDigest})\n`,
      );
    } else {
      const write = flags.format === 'oci' ? writeOciLayout : writeOciArchive;
      const written = await write(path, source.source, {
        ...ref,
        ...platform,
        ...(location.kind === 'registry' ? { tag: location.reference.tag ?? 'latest' } : {}),
      });
      io.stdout.write(`${path}: ${written.digest}\n`);
    }
  } finally {
    await source.close();
    await registries.close();
  }
}

/** digest and manifest: print what a reference resolves to. */
export async function runInspect(
  what: 'digest' | 'manifest',
  reference: string,
  flags: RegistryFlags,
  io: ImageIo,
): Promise<void> {
  const registries = pool(flags, io);
  const opened = await openSource(await parseLocation(reference), registries);
  try {
    const raw = await opened.source.getManifest(opened.reference);
    io.stdout.write(what === 'digest' ? `${raw.digest}\n` : `${Buffer.from(raw.bytes).toString('utf8')}\n`);
  } finally {
    await opened.close();
    await registries.close();
  }
}

async function registryRepository(reference: string, flags: RegistryFlags, io: ImageIo) {
  const location = await parseLocation(reference);
  if (location.kind !== 'registry') throw new UsageError(`\`${reference}\` is not a registry image`);
  const registries = pool(flags, io);
  const repo = registries.client(location.reference.registry).repository(location.reference.repository);
  return { location, repo, close: () => registries.close() };
}

/** ls: the tags of a repository. */
export async function runLs(repository: string, flags: RegistryFlags, io: ImageIo): Promise<void> {
  const { repo, close } = await registryRepository(repository, flags, io);
  try {
    for (const tag of await repo.listTags()) io.stdout.write(`${tag}\n`);
  } finally {
    await close();
  }
}

/** tag: another tag for an image already in a registry. */
export async function runTag(
  reference: string,
  tag: string,
  flags: RegistryFlags,
  io: ImageIo,
): Promise<void> {
  const { location, repo, close } = await registryRepository(reference, flags, io);
  try {
    if (location.kind !== 'registry') return;
    const raw = await repo.getManifest(registryRef(location.reference));
    await repo.putManifest(raw, tag);
    io.stdout.write(`${repo.name}:${tag}@${raw.digest}\n`);
  } finally {
    await close();
  }
}

/** delete: remove a manifest from a registry. */
export async function runDelete(reference: string, flags: RegistryFlags, io: ImageIo): Promise<void> {
  const { location, repo, close } = await registryRepository(reference, flags, io);
  try {
    if (location.kind !== 'registry') return;
    const digest =
      location.reference.digest ?? (await repo.getManifest(registryRef(location.reference))).digest;
    const deleted = await repo.deleteManifest(digest);
    io.stdout.write(deleted ? `deleted ${repo.name}@${digest}\n` : `${repo.name}@${digest} was not there\n`);
  } finally {
    await close();
  }
}
