import { Command, Option } from 'commander';
import type { CraneGlobals, CraneIo } from './io';

export type { CraneIo } from './io';

// Each action (and the OCI code behind it) loads only when its subcommand runs.
const load = {
  auth: () => import('./auth'),
  push: () => import('./push'),
  pull: () => import('./pull'),
  copy: () => import('./copy'),
  inspect: () => import('./inspect'),
  validate: () => import('./validate'),
  repository: () => import('./repository'),
};

/** The options a subcommand was given, with crane's global flags wherever they were written. */
function flagsOf<T>(command: Command): T & CraneGlobals {
  return command.optsWithGlobals<T & CraneGlobals>();
}

function sub(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description).exitOverride();
}

function registryCommands(crane: Command, io: CraneIo): void {
  sub(crane, 'ls', 'List the tags of a repository, one a line')
    .argument('<repo>', 'e.g. registry.example.com/team/app')
    .option('--full-ref', 'print REPO:TAG instead of the tag alone')
    .option('-O, --omit-digest-tags', 'leave out tags of the form sha256-…')
    .action(async (repo: string, _o, command: Command) =>
      (await load.repository()).runCraneLs(repo, flagsOf(command), io),
    );
  sub(crane, 'tag', 'Give an image in a registry another tag (nothing is copied)')
    .argument('<image>', 'image by tag or digest')
    .argument('<tag>', 'the new tag, in the same repository')
    .action(async (image: string, tag: string, _o, command: Command) =>
      (await load.repository()).runCraneTag(image, tag, flagsOf(command), io),
    );
  sub(crane, 'delete', 'Delete an image manifest from a registry')
    .argument('<image>', 'image by tag or digest')
    .action(async (image: string, _o, command: Command) =>
      (await load.repository()).runCraneDelete(image, flagsOf(command), io),
    );
  sub(crane, 'catalog', 'List the repositories of a registry (not supported: fails with an explanation)')
    .argument('<registry>', 'registry host')
    .option('--full-ref', 'print REGISTRY/REPO')
    .action(async () => (await load.repository()).runCraneCatalog());
}

function inspectCommands(crane: Command, io: CraneIo): void {
  sub(crane, 'digest', 'Print the digest of an image')
    .argument('[image]', 'image (with --tarball: the tag in the tarball, optional)')
    .option('--tarball <file>', 'read the image from this docker tarball')
    .option('--full-ref', 'print REPO@DIGEST')
    .action(async (image: string | undefined, _o, command: Command) =>
      (await load.inspect()).runCraneDigest(image, flagsOf(command), io),
    );
  sub(crane, 'manifest', 'Print the manifest of an image, byte for byte')
    .argument('<image>', 'image')
    .action(async (image: string, _o, command: Command) =>
      (await load.inspect()).runCraneManifest(image, flagsOf(command), io),
    );
  sub(crane, 'config', 'Print the configuration blob of an image')
    .argument('<image>', 'image')
    .action(async (image: string, _o, command: Command) =>
      (await load.inspect()).runCraneConfig(image, flagsOf(command), io),
    );
  sub(crane, 'validate', 'Check that an image reads back and matches its digests; prints PASS or FAIL')
    .option('--remote <image>', 'the registry image to check')
    .option('--tarball <file>', 'the docker tarball to check')
    .option('--fast', 'check manifests and configs only, not the layers')
    .action(async (_o, command: Command) => (await load.validate()).runCraneValidate(flagsOf(command), io));
}

function transferCommands(crane: Command, io: CraneIo): void {
  sub(crane, 'push', 'Push a docker tarball or an OCI layout directory; prints REPO@DIGEST')
    .argument('<path>', 'image tarball, or OCI layout directory')
    .argument('<image>', 'destination, e.g. registry.example.com/team/app:v1')
    .option('--image-refs <file>', 'also write the pushed REPO@DIGEST to this file')
    .option('--index', 'push every image of the OCI layout as one image index')
    .action(async (path: string, image: string, _o, command: Command) =>
      (await load.push()).runCranePush(path, image, flagsOf(command), io),
    );
  sub(crane, 'pull', 'Pull images into a docker tarball or an OCI layout directory')
    .argument('<image-and-path...>', 'IMAGE… then the PATH to write')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(['tarball', 'legacy', 'oci'])
        .default('tarball'),
    )
    .option('--annotate-ref', 'with --format oci, name each image in the layout after its reference')
    .option('-c, --cache_path <dir>', 'accepted for compatibility; has no effect')
    .action(async (args: string[], _o, command: Command) =>
      (await load.pull()).runCranePull(args, flagsOf(command), io),
    );
  sub(crane, 'copy', 'Copy an image (every platform, unless --platform) from one place to another')
    .alias('cp')
    .argument('<src>', 'source image')
    .argument('<dst>', 'destination image')
    .option('-a, --all-tags', "copy every tag of SRC's repository into DST's repository")
    .option('-n, --no-clobber', 'leave tags that already exist in DST alone')
    .option('-j, --jobs <n>', 'blobs copied at once')
    .action(async (src: string, dst: string, _o, command: Command) => {
      // commander reads `--no-clobber` as a negation; crane's flag is a plain boolean.
      const flags = flagsOf<{ clobber?: boolean }>(command);
      await (await load.copy()).runCraneCopy(src, dst, { ...flags, noClobber: flags.clobber === false }, io);
    });
}

/**
 * `slipway crane …`: crane's command line (push, pull, copy, digest, manifest, config, ls, tag, delete,
 * auth, validate) over Slipway's registry client, so steps written for crane's image run unchanged.
 */
export function craneCommand(io: CraneIo): Command {
  const crane = new Command('crane')
    .description("crane's command line, run by Slipway's own OCI code (credentials: docker config.json)")
    .option('--insecure', 'allow plain HTTP and unverified TLS for every registry')
    .option('--platform <platform>', 'os/arch[/variant] to take from multi-platform images (default: all)')
    .option('-v, --verbose', 'print each blob and manifest transferred on stderr')
    .option(
      '--allow-nondistributable-artifacts',
      'accepted for compatibility; has no effect (Slipway copies every layer the manifest names)',
    )
    .exitOverride();
  const auth = sub(crane, 'auth', 'Log in to and out of registries (docker config.json)');
  sub(auth, 'login', 'Store credentials for SERVER in docker config.json')
    .argument('<server>', 'registry host, e.g. registry.example.com')
    .option('-u, --username <user>', 'user name')
    .option('-p, --password <password>', 'password')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (server: string, _o, command: Command) =>
      (await load.auth()).runCraneLogin(server, flagsOf(command), io),
    );
  sub(auth, 'logout', 'Remove the stored credentials of SERVER')
    .argument('<server>', 'registry host')
    .action(async (server: string) => (await load.auth()).runCraneLogout(server, io));
  transferCommands(crane, io);
  inspectCommands(crane, io);
  registryCommands(crane, io);
  return crane;
}
