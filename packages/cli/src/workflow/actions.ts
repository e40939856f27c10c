import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryArtifactStore,
  formatDiagnostic,
  ImageCache,
  LocalExecutor,
  lint,
  loadDocuments,
  type NodeStatus,
  SqliteStore,
  type Workflow,
  WorkflowRunner,
} from '@slipway/core';
import { defaultCredentialProvider } from '@slipway/oci';
import { UsageError } from '../usage-error';
import { storedTemplateResolvers } from './stored-templates';

/** What the workflow commands read and write outside themselves. */
export interface WorkflowIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly setExitCode: (code: number) => void;
}

/** Flags of `slipway submit`. */
export interface SubmitFlags {
  from?: string;
  parameter: string[];
  name?: string;
  registryMirror: string[];
  insecureRegistry: string[];
  isolation: 'sandbox' | 'host-root';
  output: string;
  home?: string;
}

/** The state directory: `--home`, else `SLIPWAY_HOME`, else `~/.slipway`. */
export function homeOf(flags: { home?: string }, io: WorkflowIo): string {
  return flags.home ?? io.env.SLIPWAY_HOME ?? join(homedir(), '.slipway');
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

function pairs(values: string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} takes name=value, got \`${value}\``);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

type StatusJson = {
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  nodes?: Record<string, NodeStatus>;
};

function printTree(status: StatusJson, io: WorkflowIo): void {
  const nodes = Object.values(status.nodes ?? {}).sort((a, b) =>
    String(a.startedAt ?? '').localeCompare(String(b.startedAt ?? '')),
  );
  for (const node of nodes) {
    if (node.type === 'StepGroup' || node.type === 'TaskGroup') continue;
    const seconds =
      node.startedAt && node.finishedAt
        ? ((Date.parse(node.finishedAt) - Date.parse(node.startedAt)) / 1000).toFixed(1)
        : '';
    io.stdout.write(
      `${node.phase.padEnd(10)} ${node.displayName.padEnd(30)} ${node.type.padEnd(8)} ${seconds ? `${seconds}s` : ''}${node.message ? `  ${node.message}` : ''}\n`,
    );
  }
  io.stdout.write(`Phase: ${status.phase ?? 'Unknown'}${status.message ? ` (${status.message})` : ''}\n`);
}

function fromReference(from: string): { text: string; file: string } {
  const match = /^(workflowtemplate|clusterworkflowtemplate)\/(.+)$/i.exec(from);
  if (!match)
    throw new UsageError(
      `--from takes workflowtemplate/NAME or clusterworkflowtemplate/NAME, got \`${from}\``,
    );
  const cluster = match[1]!.toLowerCase() === 'clusterworkflowtemplate';
  const name = match[2]!;
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: ${name}-\nspec:\n  workflowTemplateRef:\n    name: ${name}\n${cluster ? '    clusterScope: true\n' : ''}`;
  return { text, file: `--from ${from}` };
}

/** `slipway submit`: lint, then run the workflow to completion in this process. */
export async function runSubmit(
  fileArg: string | undefined,
  flags: SubmitFlags,
  io: WorkflowIo,
): Promise<void> {
  if (!fileArg === !flags.from)
    throw new UsageError('give either a workflow file or --from workflowtemplate/NAME');
  const { text, file } = flags.from
    ? fromReference(flags.from)
    : { text: await readFile(fileArg!, 'utf8'), file: fileArg! };
  const load = loadDocuments([{ file, text }]);
  // Templates in the store are not among the files given: unresolved references are left to the engine.
  const errors = lint(load).filter(
    (d) => d.severity === 'error' && d.code !== 'SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
  );
  if (errors.length > 0) {
    for (const d of errors) io.stderr.write(`${formatDiagnostic(d, undefined, text)}\n`);
    io.setExitCode(2);
    return;
  }
  const loaded = load.manifests.find((m) => m.manifest.kind === 'Workflow');
  if (!loaded) throw new UsageError(`${file} holds no Workflow`);
  const workflow = loaded.manifest as Workflow;
  const name =
    flags.name ??
    workflow.metadata?.name ??
    `${workflow.metadata?.generateName ?? 'workflow-'}${randomBytes(3).toString('hex').slice(0, 5)}`;
  const home = homeOf(flags, io);
  const store = new SqliteStore(join(home, 'slipway.db'));
  const mirrors = pairs(flags.registryMirror, '--registry-mirror');
  const executor = new LocalExecutor({
    workDir: join(home, 'pods'),
    isolation: flags.isolation,
    images: new ImageCache({
      dir: join(home, 'images'),
      registry: {
        mirrors,
        insecure: flags.insecureRegistry,
        credentials: defaultCredentialProvider({ env: io.env, homeDir: homedir() }),
      },
    }),
    artifacts: new DirectoryArtifactStore(join(home, 'artifacts')),
    secrets: (secret) => store.getSecret(secret),
    configMaps: (map) => store.getConfigMap(map),
  });
  try {
    const runner = new WorkflowRunner({
      store,
      executor,
      volumesDir: join(home, 'volumes'),
      redact: await secretRedactor(store),
    });
    await runner.resumeAll();
    const resolvers = await storedTemplateResolvers(store);
    await runner.submit({
      ...resolvers,
      workflow,
      name,
      uid: randomUUID(),
      parameters: pairs(flags.parameter, '--parameter'),
    });
    await runner.idle();
    const record = await store.getWorkflow(name);
    const status = record?.status as StatusJson;
    if (flags.output === 'json') io.stdout.write(`${JSON.stringify({ name, status }, null, 2)}\n`);
    else if (flags.output === 'name') io.stdout.write(`${name}\n`);
    else {
      io.stdout.write(`Name: ${name}\n`);
      printTree(status, io);
    }
    io.setExitCode(status.phase === 'Succeeded' ? 0 : 1);
  } finally {
    await executor.close();
    await store.close();
  }
}

async function withStore<T>(
  flags: { home?: string },
  io: WorkflowIo,
  work: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const store = new SqliteStore(join(homeOf(flags, io), 'slipway.db'));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `slipway list`. */
export async function runList(flags: { home?: string }, io: WorkflowIo): Promise<void> {
  await withStore(flags, io, async (store) => {
    for (const record of await store.listWorkflows()) {
      io.stdout.write(
        `${record.name.padEnd(40)} ${record.phase.padEnd(10)} ${new Date(record.createdAt).toISOString()}\n`,
      );
    }
  });
}

/** `slipway get NAME`. */
export async function runGet(
  name: string,
  flags: { home?: string; output: string },
  io: WorkflowIo,
): Promise<void> {
  await withStore(flags, io, async (store) => {
    const record = await store.getWorkflow(name);
    if (!record) throw new UsageError(`no workflow named \`${name}\`; \`slipway list\` shows them`);
    if (flags.output === 'json')
      io.stdout.write(
        `${JSON.stringify({ name, manifest: record.manifest, status: record.status }, null, 2)}\n`,
      );
    else {
      io.stdout.write(`Name: ${name}\n`);
      printTree(record.status as StatusJson, io);
    }
  });
}

/** `slipway logs NAME`. */
export async function runLogs(
  name: string,
  flags: { home?: string; node?: string },
  io: WorkflowIo,
): Promise<void> {
  await withStore(flags, io, async (store) => {
    const record = await store.getWorkflow(name);
    if (!record) throw new UsageError(`no workflow named \`${name}\``);
    const nodes = Object.values((record.status as StatusJson).nodes ?? {});
    const wanted = flags.node
      ? nodes.find((n) => n.name === flags.node || n.displayName === flags.node || n.id === flags.node)
      : undefined;
    if (flags.node && !wanted) throw new UsageError(`workflow \`${name}\` has no node \`${flags.node}\``);
    const label = new Map(nodes.map((n) => [n.id, n.displayName]));
    let after = 0;
    for (;;) {
      const batch = await store.readLogs(name, {
        afterSeq: after,
        limit: 1000,
        ...(wanted ? { nodeId: wanted.id } : {}),
      });
      for (const entry of batch)
        io.stdout.write(
          `${label.get(entry.nodeId) ?? entry.nodeId}: ${entry.text}${entry.text.endsWith('\n') ? '' : '\n'}`,
        );
      if (batch.length < 1000) break;
      after = batch[batch.length - 1]!.seq;
    }
  });
}

/** `slipway delete NAME`. */
export async function runDelete(name: string, flags: { home?: string }, io: WorkflowIo): Promise<void> {
  await withStore(flags, io, async (store) => {
    if (!(await store.deleteWorkflow(name))) throw new UsageError(`no workflow named \`${name}\``);
    io.stdout.write(`deleted ${name}\n`);
  });
}
