import { BuildOptionsError, UnknownBuildFlagError } from './errors';

/** A build as the command line asks for it (Kaniko's executor flags and Slipway's few extras), validated. */
export interface BuildInvocation {
  readonly context: string;
  readonly dockerfile?: string;
  readonly destinations: string[];
  readonly noPush: boolean;
  readonly tarPath?: string;
  readonly ociLayoutPath?: string;
  readonly digestFile?: string;
  readonly buildArgs: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly secrets: Record<string, string>;
  readonly target?: string;
  readonly cache: boolean;
  readonly cacheRepo?: string;
  readonly cacheDir?: string;
  readonly reproducible: boolean;
  readonly insecure: boolean;
  readonly insecureRegistries: string[];
  readonly platform?: string;
  readonly network: boolean;
  readonly compressionLevel?: number;
}

type Kind = 'value' | 'list' | 'bool';
interface FlagSpec {
  readonly kind: Kind;
  readonly set?: (state: Mutable, value: string) => void;
}
type Mutable = { -readonly [K in keyof BuildInvocation]: BuildInvocation[K] };

function pair(flag: string, value: string): [string, string] {
  const equals = value.indexOf('=');
  if (equals <= 0) throw new BuildOptionsError(flag, `\`${value}\` must be NAME=VALUE`);
  return [value.slice(0, equals), value.slice(equals + 1)];
}

function truthy(flag: string, value: string): boolean {
  if (value === 'true' || value === '') return true;
  if (value === 'false') return false;
  throw new BuildOptionsError(flag, `\`${value}\` must be true or false`);
}

// Flags Kaniko has that change nothing here: Slipway snapshots by diff, keeps no state between runs and
// always cleans up, so they are accepted (not silently: they are listed) and have no effect.
const NO_EFFECT = [
  'single-snapshot',
  'snapshot-mode',
  'use-new-run',
  'cleanup',
  'verbosity',
  'log-format',
  'log-timestamp',
  'cache-ttl',
  'cache-copy-layers',
  'cache-run-layers',
  'compressed-caching',
  'push-retry',
  'skip-unused-stages',
  'ignore-path',
  'force',
  'registry-mirror',
  'skip-tls-verify-pull',
  'insecure-pull',
  'kaniko-dir',
  'compression',
  'ignore-var-run',
  'skip-push-permission-check',
  'image-fs-extract-retry',
  'image-download-retry',
  'skip-default-registry-fallback',
  'context-sub-path',
  'git',
  'registry-certificate',
  'registry-client-cert',
  'registry-map',
  'cache-repo-insecure',
];
const NO_EFFECT_BOOL = new Set([
  'single-snapshot',
  'use-new-run',
  'cleanup',
  'log-timestamp',
  'cache-copy-layers',
  'cache-run-layers',
  'compressed-caching',
  'skip-unused-stages',
  'force',
  'skip-tls-verify-pull',
  'insecure-pull',
  'ignore-var-run',
  'skip-push-permission-check',
  'skip-default-registry-fallback',
  'cache-repo-insecure',
]);

const FLAGS: Record<string, FlagSpec> = {
  context: {
    kind: 'value',
    set: (s, v) => {
      s.context = v;
    },
  },
  dockerfile: {
    kind: 'value',
    set: (s, v) => {
      s.dockerfile = v;
    },
  },
  destination: {
    kind: 'list',
    set: (s, v) => {
      s.destinations.push(v);
    },
  },
  'no-push': {
    kind: 'bool',
    set: (s, v) => {
      s.noPush = truthy('--no-push', v);
    },
  },
  'tar-path': {
    kind: 'value',
    set: (s, v) => {
      s.tarPath = v;
    },
  },
  'oci-layout-path': {
    kind: 'value',
    set: (s, v) => {
      s.ociLayoutPath = v;
    },
  },
  'digest-file': {
    kind: 'value',
    set: (s, v) => {
      s.digestFile = v;
    },
  },
  'build-arg': {
    kind: 'list',
    set: (s, v) => {
      const [k, val] = v.includes('=') ? pair('--build-arg', v) : [v, ''];
      s.buildArgs[k] = val;
    },
  },
  label: {
    kind: 'list',
    set: (s, v) => {
      const [k, val] = pair('--label', v);
      s.labels[k] = val;
    },
  },
  secret: {
    kind: 'list',
    set: (s, v) => {
      const opts = new Map(v.split(',').map((p) => pair('--secret', p)));
      const id = opts.get('id');
      const src = opts.get('src') ?? opts.get('source');
      if (!id || !src) throw new BuildOptionsError('--secret', 'takes id=NAME,src=FILE');
      s.secrets[id] = src;
    },
  },
  target: {
    kind: 'value',
    set: (s, v) => {
      s.target = v;
    },
  },
  cache: {
    kind: 'bool',
    set: (s, v) => {
      s.cache = truthy('--cache', v);
    },
  },
  'cache-repo': {
    kind: 'value',
    set: (s, v) => {
      s.cacheRepo = v;
    },
  },
  'cache-dir': {
    kind: 'value',
    set: (s, v) => {
      s.cacheDir = v;
    },
  },
  reproducible: {
    kind: 'bool',
    set: (s, v) => {
      s.reproducible = truthy('--reproducible', v);
    },
  },
  insecure: {
    kind: 'bool',
    set: (s, v) => {
      s.insecure = truthy('--insecure', v);
    },
  },
  'skip-tls-verify': {
    kind: 'bool',
    set: (s, v) => {
      s.insecure = truthy('--skip-tls-verify', v);
    },
  },
  'insecure-registry': {
    kind: 'list',
    set: (s, v) => {
      s.insecureRegistries.push(v);
    },
  },
  'skip-tls-verify-registry': {
    kind: 'list',
    set: (s, v) => {
      s.insecureRegistries.push(v);
    },
  },
  'custom-platform': {
    kind: 'value',
    set: (s, v) => {
      s.platform = v;
    },
  },
  platform: {
    kind: 'value',
    set: (s, v) => {
      s.platform = v;
    },
  },
  network: {
    kind: 'value',
    set: (s, v) => {
      if (v !== 'none' && v !== 'default' && v !== 'host')
        throw new BuildOptionsError('--network', 'takes default, host or none');
      s.network = v !== 'none';
    },
  },
  'compression-level': {
    kind: 'value',
    set: (s, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 9)
        throw new BuildOptionsError('--compression-level', 'takes 0 to 9');
      s.compressionLevel = n;
    },
  },
  'image-name-with-digest-file': { kind: 'value' },
  'image-name-tag-with-digest-file': { kind: 'value' },
  ...Object.fromEntries(
    NO_EFFECT.map((name) => [name, { kind: NO_EFFECT_BOOL.has(name) ? 'bool' : 'value' } as FlagSpec]),
  ),
};

const SHORT: Record<string, string> = { c: 'context', f: 'dockerfile', d: 'destination' };

/** The flag names `parseKanikoArgs` knows, for help and errors. */
export const KANIKO_FLAGS: readonly string[] = Object.keys(FLAGS).sort();

/**
 * Reads Kaniko executor arguments (`--flag=value`, `--flag value`, `-f`, `-c`, `-d`; `dir://` contexts) into a
 * build invocation. Unknown flags and stray arguments are errors naming them, never silently dropped.
 */
export function parseKanikoArgs(argv: readonly string[]): BuildInvocation {
  const state: Mutable = {
    context: '.',
    destinations: [],
    noPush: false,
    buildArgs: {},
    labels: {},
    secrets: {},
    cache: false,
    reproducible: false,
    insecure: false,
    insecureRegistries: [],
    network: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const long = /^--([^=]+)(?:=([\s\S]*))?$/.exec(arg);
    const short = /^-([a-z])$/.exec(arg);
    const name = long ? (long[1] as string) : short ? SHORT[short[1] as string] : undefined;
    if (name === undefined) {
      if (short) throw new UnknownBuildFlagError(arg, '; Kaniko short flags are -c, -f and -d');
      throw new UnknownBuildFlagError(
        arg,
        '; arguments are flags only (e.g. --context DIR --destination REF)',
      );
    }
    const spec = FLAGS[name];
    if (!spec)
      throw new UnknownBuildFlagError(
        `--${name}`,
        `; known flags: ${KANIKO_FLAGS.map((f) => `--${f}`).join(', ')}`,
      );
    let value = long?.[2];
    if (value === undefined && spec.kind !== 'bool') {
      value = argv[++i];
      if (value === undefined) throw new BuildOptionsError(`--${name}`, 'needs a value');
    }
    spec.set?.(state, value ?? '');
  }
  if (state.context.startsWith('dir://')) state.context = state.context.slice(6);
  if (!state.noPush && state.destinations.length === 0 && !state.tarPath && !state.ociLayoutPath) {
    throw new BuildOptionsError(
      '--destination',
      'give at least one --destination, or --no-push / --tar-path / --oci-layout-path',
    );
  }
  return state;
}
