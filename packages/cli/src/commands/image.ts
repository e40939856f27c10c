import {
  type CopyResult,
  copyImage,
  type Platform,
  parsePlatform,
  writeDockerArchive,
  writeOciArchive,
  writeOciLayout,
} from '@slipway/oci';
import { Command, Option } from 'commander';
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

interface RegistryFlags {
  insecureRegistry: string[];
  insecure?: boolean;
  caCert: string[];
  retries?: string;
  chunkSize?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function withRegistryOptions(command: Command): Command {
  return command
    .option(
      '--insecure-registry <host>',
      'reach this registry over plain HTTP or unverified TLS (repeatable)',
      collect,
      [],
    )
    .option('--insecure', 'plain HTTP / unverified TLS for every registry of this command')
    .option('--ca-cert <file>', 'trust this PEM certificate authority as well (repeatable)', collect, [])
    .option('--retries <n>', 'retries of a failed request (429, 5xx, resets)')
    .option('--chunk-size <bytes>', 'upload in chunks of this size (default: one request per blob)')
    .exitOverride();
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

interface CopyFlags extends RegistryFlags {
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

async function runCopy(
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

function copyOptions(command: Command): Command {
  return withRegistryOptions(command)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--platform <os/arch>',
      'the platform to take from a multi-platform image (default: this machine)',
    )
    .option('--all-platforms', 'copy every platform and the index itself')
    .option('--fail-fast', 'stop every destination when one fails (default: the others finish)')
    .option('--concurrency <n>', 'blobs transferred at once (default 4)');
}

/** `slipway image …`: push, pull, copy and inspect images, as crane does, to many registries at once. */
export function imageCommand(io: ImageIo): Command {
  const image = new Command('image').description('Push, pull, copy and inspect OCI images').exitOverride();

  copyOptions(
    image
      .command('push')
      .description('Push an image tar (docker-archive, OCI archive) or OCI layout to one or more registries')
      .argument('<image>', 'image.tar, an OCI layout directory, oci:DIR[:TAG], docker-archive:FILE[:TAG]')
      .argument(
        '<references...>',
        'destinations, e.g. 127.0.0.1:5000/team/app:v1 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1',
      ),
  ).action((source: string, references: string[], flags: CopyFlags) =>
    runCopy(source, references, flags, io),
  );

  copyOptions(
    image
      .command('copy')
      .alias('cp')
      .description('Copy an image from a registry, layout or archive to one or more registries or layouts')
      .argument('<source>', 'source image')
      .argument('<destinations...>', 'destination images'),
  ).action((source: string, destinations: string[], flags: CopyFlags) =>
    runCopy(source, destinations, flags, io),
  );

  withRegistryOptions(
    image
      .command('pull')
      .description('Pull an image into a docker-archive tar, an OCI layout directory or an OCI archive')
      .argument('<reference>', 'image to pull')
      .argument('<path>', 'where to write it')
      .addOption(
        new Option('--format <format>', 'what to write')
          .choices(['tar', 'oci', 'oci-archive'])
          .default('tar'),
      )
      .option('--platform <os/arch>', 'the platform to take from a multi-platform image'),
  ).action(
    async (reference: string, path: string, flags: RegistryFlags & { format: string; platform?: string }) => {
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
    },
  );

  const inspect = (
    name: string,
    description: string,
    run: (
      opened: Awaited<ReturnType<typeof openSource>>,
      location: Awaited<ReturnType<typeof parseLocation>>,
    ) => Promise<void>,
  ) =>
    withRegistryOptions(image.command(name).description(description).argument('<reference>', 'image')).action(
      async (reference: string, flags: RegistryFlags) => {
        const registries = pool(flags, io);
        const location = await parseLocation(reference);
        const opened = await openSource(location, registries);
        try {
          await run(opened, location);
        } finally {
          await opened.close();
          await registries.close();
        }
      },
    );

  inspect('digest', 'Print the digest of an image manifest or index', async ({ source, reference }) => {
    io.stdout.write(`${(await source.getManifest(reference)).digest}\n`);
  });
  inspect('manifest', 'Print an image manifest or index as stored', async ({ source, reference }) => {
    io.stdout.write(`${Buffer.from((await source.getManifest(reference)).bytes).toString('utf8')}\n`);
  });

  withRegistryOptions(
    image
      .command('ls')
      .description('List the tags of a repository')
      .argument('<repository>', 'e.g. 127.0.0.1:5000/team/app'),
  ).action(async (repository: string, flags: RegistryFlags) => {
    const location = await parseLocation(repository);
    if (location.kind !== 'registry') throw new UsageError(`\`${repository}\` is not a registry repository`);
    const registries = pool(flags, io);
    try {
      const tags = await registries
        .client(location.reference.registry)
        .repository(location.reference.repository)
        .listTags();
      for (const tag of tags) io.stdout.write(`${tag}\n`);
    } finally {
      await registries.close();
    }
  });

  withRegistryOptions(
    image
      .command('tag')
      .description('Give an image in a registry another tag (no data is copied)')
      .argument('<reference>', 'image')
      .argument('<tag>', 'new tag'),
  ).action(async (reference: string, tag: string, flags: RegistryFlags) => {
    const location = await parseLocation(reference);
    if (location.kind !== 'registry') throw new UsageError(`\`${reference}\` is not a registry image`);
    const registries = pool(flags, io);
    try {
      const repo = registries.client(location.reference.registry).repository(location.reference.repository);
      const raw = await repo.getManifest(registryRef(location.reference));
      await repo.putManifest(raw, tag);
      io.stdout.write(`${repo.name}:${tag}@${raw.digest}\n`);
    } finally {
      await registries.close();
    }
  });

  withRegistryOptions(
    image
      .command('delete')
      .description('Delete an image manifest from a registry')
      .argument('<reference>', 'image (by tag or digest)'),
  ).action(async (reference: string, flags: RegistryFlags) => {
    const location = await parseLocation(reference);
    if (location.kind !== 'registry') throw new UsageError(`\`${reference}\` is not a registry image`);
    const registries = pool(flags, io);
    try {
      const repo = registries.client(location.reference.registry).repository(location.reference.repository);
      const digest =
        location.reference.digest ?? (await repo.getManifest(registryRef(location.reference))).digest;
      const deleted = await repo.deleteManifest(digest);
      io.stdout.write(
        deleted ? `deleted ${repo.name}@${digest}\n` : `${repo.name}@${digest} was not there\n`,
      );
    } finally {
      await registries.close();
    }
  });
  return image;
}
