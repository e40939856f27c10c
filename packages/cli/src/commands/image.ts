import { Command, Option } from 'commander';
import type { CopyFlags, ImageIo, RegistryFlags } from '../image/actions';
import { imageScanCommand } from './scan';

export type { ImageIo } from '../image/actions';

// The actions (and the OCI code behind them) load only when an image command runs, so `slipway --help` and
// `slipway lint` do not pay for them.
const actions = () => import('../image/actions');

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
  ).action(async (source: string, references: string[], flags: CopyFlags) =>
    (await actions()).runCopy(source, references, flags, io),
  );
  copyOptions(
    image
      .command('copy')
      .alias('cp')
      .description('Copy an image from a registry, layout or archive to one or more registries or layouts')
      .argument('<source>', 'source image')
      .argument('<destinations...>', 'destination images'),
  ).action(async (source: string, destinations: string[], flags: CopyFlags) =>
    (await actions()).runCopy(source, destinations, flags, io),
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
    async (reference: string, path: string, flags: RegistryFlags & { format: string; platform?: string }) =>
      (await actions()).runPull(reference, path, flags, io),
  );
  for (const what of ['digest', 'manifest'] as const) {
    withRegistryOptions(
      image
        .command(what)
        .description(
          what === 'digest'
            ? 'Print the digest of an image manifest or index'
            : 'Print an image manifest or index as stored',
        )
        .argument('<reference>', 'image'),
    ).action(async (reference: string, flags: RegistryFlags) =>
      (await actions()).runInspect(what, reference, flags, io),
    );
  }
  withRegistryOptions(
    image
      .command('ls')
      .description('List the tags of a repository')
      .argument('<repository>', 'e.g. 127.0.0.1:5000/team/app'),
  ).action(async (repository: string, flags: RegistryFlags) =>
    (await actions()).runLs(repository, flags, io),
  );
  withRegistryOptions(
    image
      .command('tag')
      .description('Give an image in a registry another tag (no data is copied)')
      .argument('<reference>', 'image')
      .argument('<tag>', 'new tag'),
  ).action(async (reference: string, tag: string, flags: RegistryFlags) =>
    (await actions()).runTag(reference, tag, flags, io),
  );
  withRegistryOptions(
    image
      .command('delete')
      .description('Delete an image manifest from a registry')
      .argument('<reference>', 'image (by tag or digest)'),
  ).action(async (reference: string, flags: RegistryFlags) =>
    (await actions()).runDelete(reference, flags, io),
  );
  image
    .command('build')
    .description(
      'Build an image from a Dockerfile without a daemon (Kaniko executor flags: --context, --dockerfile/-f, --destination, --tar-path, --no-push, --build-arg, --target, --cache, --cache-repo, --reproducible, …)',
    )
    .argument('[flags...]', 'build flags, checked by the builder (unknown flags are errors)')
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .exitOverride()
    .action(async (flags: string[]) => (await import('../build/actions')).runBuild(flags, io));
  image.addCommand(imageScanCommand(io));
  return image;
}
