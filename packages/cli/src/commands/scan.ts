import { Command, Option } from 'commander';
import type { DbFlags, RegistryFlagsLike, ScanIo } from '../scan/actions';
import type { ScanFlags } from '../scan/compile-flags';

export type { ScanIo } from '../scan/actions';

// The scanner (SQLite, zip reading, the OCI code) loads only when a scan command runs.
const actions = () => import('../scan/actions');
const compile = () => import('../scan/compile-flags');
const trivy = () => import('../scan/trivy-args');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function dbOptions(command: Command): Command {
  return command
    .option('--home <dir>', 'where Slipway keeps its state (default: $SLIPWAY_HOME or ~/.slipway)')
    .option('--db <file>', 'the advisory database file (default: <home>/advisories.db)');
}

function scanOptions(command: Command, formats: string[], fallback: string): Command {
  return dbOptions(command)
    .addOption(new Option('-f, --format <format>', 'report format').choices(formats).default(fallback))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '-s, --severity <levels>',
      'report only these levels (UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL)',
      collect,
      [],
    )
    .option('--exit-code <n>', 'exit with this code when something is found (default 0)')
    .option('--ignore-unfixed', 'leave out vulnerabilities without a fixed version')
    .option('--ignorefile <file>', 'ids to ignore (default: .slipwayignore, else .trivyignore)')
    .option('--skip-files <glob>', 'files to pass over (repeatable, comma-separated)', collect, [])
    .option('--skip-dirs <glob>', 'directories to pass over (repeatable, comma-separated)', collect, [])
    .option('--scanners <list>', 'vuln and/or secret (default: both)', collect, [])
    .option('--pkg-types <list>', 'os and/or library packages (default: both)', collect, [])
    .option('--max-age <duration>', 'fail when the advisory database is older (e.g. 24h, 7d)')
    .option('-q, --quiet', 'no notes on stderr')
    .exitOverride();
}

function imageOptions(command: Command): Command {
  return command
    .argument('[reference]', 'image: a registry reference, image.tar, oci:DIR, docker-archive:FILE')
    .option('--input <tar>', 'a docker-archive or OCI archive tar')
    .option('--layout <dir>', 'an OCI image layout directory')
    .option('--platform <os/arch>', 'the platform to take from a multi-platform image')
    .option(
      '--insecure-registry <host>',
      'reach this registry over plain HTTP or unverified TLS (repeatable)',
      collect,
      [],
    )
    .option('--insecure', 'plain HTTP / unverified TLS for every registry')
    .option('--ca-cert <file>', 'trust this PEM certificate authority as well (repeatable)', collect, []);
}

const SCAN_FORMATS = ['table', 'json', 'sarif', 'cyclonedx', 'spdx-json'];
type ImageScanFlags = ScanFlags & RegistryFlagsLike;

/** `slipway image scan [REF | --input TAR | --layout DIR]`: vulnerabilities and secrets of an image. */
export function imageScanCommand(io: ScanIo): Command {
  return imageOptions(scanOptions(new Command('scan'), SCAN_FORMATS, 'table'))
    .description('Scan an image for known vulnerabilities and secrets, reading its layers once (no Docker)')
    .action(async (reference: string | undefined, flags: ImageScanFlags) => {
      const { imageTarget, compileScanRequest } = await compile();
      const request = compileScanRequest(imageTarget(reference, flags), flags);
      await (await actions()).runScan(request, flags, io);
    });
}

/** `slipway fs scan DIR`, `slipway sbom …`, `slipway db update|import|status` and `slipway trivy …`. */
export function scanCommands(io: ScanIo): Command[] {
  const fs = new Command('fs').description('Scan directory trees').exitOverride();
  fs.addCommand(
    scanOptions(new Command('scan'), SCAN_FORMATS, 'table')
      .description('Scan a directory (a checkout, a root filesystem) for vulnerable packages and secrets')
      .argument('<dir>', 'directory to scan')
      .action(async (dir: string, flags: ScanFlags) => {
        const { compileScanRequest } = await compile();
        await (await actions()).runScan(
          compileScanRequest({ kind: 'directory', path: dir }, flags),
          flags,
          io,
        );
      }),
  );
  const sbom = imageOptions(
    scanOptions(new Command('sbom'), ['cyclonedx', 'spdx-json', 'json', 'table'], 'cyclonedx'),
  )
    .description(
      'Write a software bill of materials (CycloneDX or SPDX) of an image or, with --dir, a directory',
    )
    .option('--dir <dir>', 'a directory instead of an image')
    .action(async (reference: string | undefined, flags: ImageScanFlags & { dir?: string }) => {
      const { imageTarget, compileScanRequest } = await compile();
      const target =
        flags.dir !== undefined && reference === undefined && !flags.input && !flags.layout
          ? { kind: 'directory' as const, path: flags.dir }
          : imageTarget(reference, flags);
      await (await actions()).runScan(
        compileScanRequest(target, flags, { vulnerabilities: false }),
        flags,
        io,
      );
    });
  const db = new Command('db').description('The OSV advisory database scans use').exitOverride();
  db.addCommand(
    dbOptions(new Command('update'))
      .description('Download OSV advisory dumps (<url>/<ecosystem>/all.zip) into the database')
      .option(
        '--url <base>',
        'base URL of the dumps: a mirror for air-gapped sites (default: $SLIPWAY_OSV_URL, else the public OSV bucket)',
      )
      .option(
        '--ecosystem <name>',
        'ecosystems to download (repeatable; default: all Slipway inventories)',
        collect,
        [],
      )
      .exitOverride()
      .action(async (flags: DbFlags & { url?: string; ecosystem: string[] }) =>
        (await actions()).runDbUpdate(flags, io),
      ),
  );
  db.addCommand(
    dbOptions(new Command('import'))
      .description('Import OSV advisories offline: JSON files, all.zip dumps, or directories of them')
      .argument('<paths...>', 'files or directories')
      .exitOverride()
      .action(async (paths: string[], flags: DbFlags) => (await actions()).runDbImport(paths, flags, io)),
  );
  db.addCommand(
    dbOptions(new Command('status'))
      .description('Show when the database was updated and what it holds')
      .addOption(
        new Option('-o, --output <format>', 'what to print').choices(['text', 'json']).default('text'),
      )
      .option('--max-age <duration>', 'exit non-zero when the database is older (e.g. 24h)')
      .exitOverride()
      .action(async (flags: DbFlags & { output: string; maxAge?: string }) => {
        const { parseDuration } = await import('../scan/scan-request');
        const maxAge = flags.maxAge !== undefined ? parseDuration(flags.maxAge, '--max-age') : undefined;
        await (await actions()).runDbStatus(flags, io, maxAge);
      }),
  );
  const trivyCommand = dbOptions(new Command('trivy'))
    .description(
      "Run Slipway's scanner with Trivy's arguments (image --input X, fs DIR, --severity, --exit-code, …)",
    )
    .argument('[args...]', "Trivy's command line")
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .exitOverride()
    .action(async (args: string[], flags: DbFlags) => {
      const { parseTrivyArgs } = await trivy();
      await (await actions()).runScan(parseTrivyArgs(args).request, flags, io);
    });
  return [fs, sbom, db, trivyCommand];
}
