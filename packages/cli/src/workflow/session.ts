// One process's machinery for running workflows: the store, the sandbox executor, the runner and the control
// sockets through which other `slipway` processes reach the workflows it runs.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  type BuiltinToolsOptions,
  DirectoryArtifactStore,
  ImageCache,
  LocalExecutor,
  SqliteStore,
  WorkflowRunner,
} from '@slipway/core';
import { defaultCredentialProvider } from '@slipway/oci';
import { ControlServer } from './control/control-server';
import type { WorkflowIo } from './io';
import { selfCommand } from './self-command';

/** How a workflow's steps are run; kept per workflow so a retry or a resume runs it the same way. */
export interface RunOptions {
  readonly registryMirrors: Readonly<Record<string, string>>;
  readonly insecureRegistries: readonly string[];
  /** Registries whose traffic goes to another address, with the registry's own credentials (`--registry-endpoint`). */
  readonly registryEndpoints: Readonly<Record<string, string>>;
  readonly isolation: 'sandbox' | 'host-root';
}

/** The default: sandboxes over images pulled from their own registries. */
export const DEFAULT_RUN_OPTIONS: RunOptions = {
  registryMirrors: {},
  insecureRegistries: [],
  registryEndpoints: {},
  isolation: 'sandbox',
};

/** A running process's store, runner and control sockets. */
export interface Session {
  readonly home: string;
  readonly store: SqliteStore;
  readonly runner: WorkflowRunner;
  readonly control: ControlServer;
  /** Takes over the workflows that no live process runs any more. */
  readonly resumeOrphans: () => Promise<string[]>;
  readonly close: () => Promise<void>;
}

function runOptionsPath(home: string, workflow: string): string {
  return join(home, 'run-options', `${encodeURIComponent(workflow)}.json`);
}

/** Records how a workflow is run, before it starts. */
export async function saveRunOptions(home: string, workflow: string, options: RunOptions): Promise<void> {
  await mkdir(join(home, 'run-options'), { recursive: true });
  await writeFile(runOptionsPath(home, workflow), JSON.stringify(options));
}

/** How a workflow was run (the default for one submitted before options were recorded). */
export async function loadRunOptions(home: string, workflow: string): Promise<RunOptions> {
  try {
    return { ...DEFAULT_RUN_OPTIONS, ...JSON.parse(await readFile(runOptionsPath(home, workflow), 'utf8')) };
  } catch {
    return DEFAULT_RUN_OPTIONS;
  }
}

/** Forgets a deleted workflow's run options. */
export async function removeRunOptions(home: string, workflow: string): Promise<void> {
  await rm(runOptionsPath(home, workflow), { force: true });
}

function sameRunOptions(a: RunOptions, b: RunOptions): boolean {
  const canonical = (o: RunOptions) =>
    JSON.stringify([
      Object.entries(o.registryMirrors).sort(),
      [...o.insecureRegistries].sort(),
      Object.entries(o.registryEndpoints).sort(),
      o.isolation,
    ]);
  return canonical(a) === canonical(b);
}

/** Replaces every value of the local secret store (4 characters or more) with `***`. */
async function secretRedactor(store: SqliteStore): Promise<(text: string) => string> {
  const values = new Set<string>();
  for (const name of await store.listSecrets()) {
    for (const value of Object.values((await store.getSecret(name)) ?? {}))
      if (value.length >= 4) values.add(value);
  }
  // Longest first, so a secret that contains another is hidden whole.
  const sorted = [...values].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, value) => out.split(value).join('***'), text);
}

/** Slipway's Kaniko, crane and Trivy for steps with those images, reaching registries as the run does. */
function builtinTools(home: string, options: RunOptions): BuiltinToolsOptions {
  const self = selfCommand();
  return {
    command: self.command,
    hostPaths: self.hostPaths.filter((path) => existsSync(path)),
    // The advisory database the Trivy steps read: SQLite needs its directory writable for its lock files.
    writablePaths: [home],
    env: {
      SLIPWAY_HOME: home,
      SLIPWAY_REGISTRY_MIRRORS: Object.entries(options.registryMirrors)
        .map(([registry, mirror]) => `${registry}=${mirror}`)
        .join(','),
      SLIPWAY_INSECURE_REGISTRIES: options.insecureRegistries.join(','),
      SLIPWAY_REGISTRY_ENDPOINTS: Object.entries(options.registryEndpoints)
        .map(([registry, address]) => `${registry}=${address}`)
        .join(','),
    },
  };
}

/** Opens the home's store and builds the executor and runner for workflows run with `options`. */
export async function openSession(home: string, options: RunOptions, io: WorkflowIo): Promise<Session> {
  const store = new SqliteStore(join(home, 'slipway.db'));
  const executor = new LocalExecutor({
    workDir: join(home, 'pods'),
    isolation: options.isolation,
    images: new ImageCache({
      dir: join(home, 'images'),
      registry: {
        // Step images of a registry with an endpoint are pulled from that address.
        mirrors: { ...options.registryEndpoints, ...options.registryMirrors },
        insecure: [...options.insecureRegistries],
        credentials: defaultCredentialProvider({ env: io.env, homeDir: homedir() }),
      },
    }),
    artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
    builtinTools: builtinTools(home, options),
    secrets: (secret) => store.getSecret(secret),
    configMaps: (map) => store.getConfigMap(map),
  });
  const runner = new WorkflowRunner({
    store,
    executor,
    volumesDir: join(home, 'volumes'),
    redact: await secretRedactor(store),
  });
  const control = new ControlServer(home, runner, store);
  return {
    home,
    store,
    runner,
    control,
    // Only the orphans run the way this session runs steps: the others wait for a command that names them.
    resumeOrphans: () =>
      runner.resumeAll({
        claim: async (name) =>
          sameRunOptions(await loadRunOptions(home, name), options) && (await control.claim(name)),
      }),
    close: async () => {
      await control.close();
      await executor.close();
      await store.close();
    },
  };
}
