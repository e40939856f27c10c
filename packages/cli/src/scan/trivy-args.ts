import { UsageError } from '../usage-error';
import {
  listValues,
  parseDuration,
  parseFormat,
  parsePackageTypes,
  parseScanners,
  parseSeverities,
  parseWholeNumber,
  type ScanRequest,
  type ScanTargetSpec,
} from './scan-request';

// Trivy flags that take a value, by long name, and their short spellings.
const VALUE_FLAGS = new Set([
  'input',
  'severity',
  'exit-code',
  'format',
  'output',
  'ignorefile',
  'skip-files',
  'skip-dirs',
  'scanners',
  'security-checks',
  'cache-dir',
  'timeout',
  'db-repository',
  'java-db-repository',
  'platform',
  'vuln-type',
  'pkg-types',
]);
const BOOLEAN_FLAGS = new Set([
  'ignore-unfixed',
  'no-progress',
  'quiet',
  'debug',
  'skip-db-update',
  'skip-java-db-update',
  'skip-update',
  'offline-scan',
  'insecure',
  'list-all-pkgs',
  'exit-on-eol',
]);
const SHORT: Record<string, string> = { s: 'severity', f: 'format', o: 'output', q: 'quiet', d: 'debug' };
const COMMANDS: Record<string, 'image' | 'filesystem'> = {
  image: 'image',
  i: 'image',
  filesystem: 'filesystem',
  fs: 'filesystem',
  rootfs: 'filesystem',
};

/** A Trivy command line read into Slipway's scan request. */
export interface TrivyInvocation {
  readonly command: 'image' | 'filesystem';
  readonly request: ScanRequest;
}

/**
 * Reads Trivy's own arguments (`image --input x.tar`, `image REF`, `filesystem|fs DIR`, `--severity`,
 * `--exit-code`, `--format`, …; `--flag=value` or `--flag value`) into the scan request Slipway runs, so a
 * workflow step using an `aquasec/trivy` image runs Slipway's scanner. Unknown flags are errors naming them.
 * Flags about Trivy's own database and cache (`--cache-dir`, `--db-repository`, `--skip-db-update`, `--timeout`)
 * are accepted and have no effect: Slipway reads its OSV database under its home.
 */
export function parseTrivyArgs(argv: readonly string[]): TrivyInvocation {
  const args = argv[0] === 'trivy' ? argv.slice(1) : [...argv];
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const raw = eq > 0 ? arg.slice(0, eq) : arg;
    const name = raw.startsWith('--') ? raw.slice(2) : (SHORT[raw.slice(1)] ?? '');
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`trivy: ${raw} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (BOOLEAN_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : 'true';
      if (value !== 'false') booleans.add(name);
    } else {
      throw new UsageError(
        `trivy: unknown flag \`${raw}\`; Slipway's scanner runs this step and does not know it`,
      );
    }
  }
  const [word, ...rest] = positionals;
  const command = word === undefined ? undefined : COMMANDS[word];
  if (!command) {
    throw new UsageError(
      `trivy: \`${word ?? '(none)'}\` is not a command Slipway's scanner runs; use image or filesystem`,
    );
  }
  if (rest.length > 1) throw new UsageError(`trivy ${word}: one target expected, got ${rest.join(' ')}`);
  const last = (name: string) => values.get(name)?.at(-1);
  const input = last('input');
  let target: ScanTargetSpec;
  if (command === 'filesystem') {
    if (!rest[0]) throw new UsageError(`trivy ${word}: a directory to scan is required`);
    target = { kind: 'directory', path: rest[0] };
  } else if (input !== undefined) {
    if (rest[0]) throw new UsageError('trivy image: give either --input or an image reference, not both');
    target = { kind: 'image-archive', path: input };
  } else if (rest[0]) {
    target = { kind: 'image-reference', reference: rest[0] };
  } else {
    throw new UsageError('trivy image: an image reference or --input is required');
  }
  const severities = parseSeverities(values.get('severity'));
  const output = last('output');
  const ignoreFile = last('ignorefile');
  const timeout = last('timeout');
  if (timeout !== undefined) parseDuration(timeout, '--timeout');
  const packageTypes = parsePackageTypes([
    ...(values.get('pkg-types') ?? []),
    ...(values.get('vuln-type') ?? []),
  ]);
  const platform = last('platform');
  return {
    command,
    request: {
      target,
      format: parseFormat(last('format')),
      ...(output !== undefined ? { output } : {}),
      ...(severities ? { severities } : {}),
      exitCode: parseWholeNumber(last('exit-code'), '--exit-code', 0),
      ignoreUnfixed: booleans.has('ignore-unfixed'),
      ...(ignoreFile !== undefined ? { ignoreFile } : {}),
      skipFiles: listValues(values.get('skip-files')),
      skipDirs: listValues(values.get('skip-dirs')),
      ...parseScanners([...(values.get('scanners') ?? []), ...(values.get('security-checks') ?? [])]),
      ...(packageTypes ? { packageTypes } : {}),
      ...(platform !== undefined ? { platform } : {}),
      quiet: booleans.has('quiet'),
    },
  };
}
