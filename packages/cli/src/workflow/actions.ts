import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, lint, loadDocuments, type Workflow, type WorkflowStatusJson } from '@slipway/core';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { UsageError } from '../usage-error';
import { connectOwner } from './control/control-client';
import { followLogs } from './control-actions';
import { drive } from './drive';
import { homeOf } from './home';
import type { WorkflowIo } from './io';
import { pairs } from './pairs';
import { printOutcome, printTree } from './print-outcome';
import { openSession, type RunOptions, removeRunOptions, saveRunOptions } from './session';
import { storedTemplateResolvers } from './stored-templates';
import { withStore } from './with-store';

export { homeOf } from './home';
export type { WorkflowIo } from './io';

/** Flags of `slipway submit`. */
export interface SubmitFlags {
  from?: string;
  parameter: string[];
  parameterFile?: string;
  entrypoint?: string;
  name?: string;
  registryMirror: string[];
  insecureRegistry: string[];
  registryEndpoint: string[];
  isolation: 'sandbox' | 'host-root';
  output: 'name' | 'json' | 'yaml' | 'wide';
  watch?: boolean;
  wait?: boolean;
  home?: string;
}

async function parameterFile(path: string | undefined): Promise<Record<string, string>> {
  if (path === undefined) return {};
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new UsageError(`--parameter-file ${path}: not YAML or JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`--parameter-file ${path}: expected a map of parameter names to values`);
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
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
  if (flags.entrypoint !== undefined) workflow.spec = { ...workflow.spec, entrypoint: flags.entrypoint };
  const name =
    flags.name ??
    workflow.metadata?.name ??
    `${workflow.metadata?.generateName ?? 'workflow-'}${randomBytes(3).toString('hex').slice(0, 5)}`;
  const parameters = {
    ...(await parameterFile(flags.parameterFile)),
    ...pairs(flags.parameter, '--parameter'),
  };
  const home = homeOf(flags, io);
  const options: RunOptions = {
    registryMirrors: pairs(flags.registryMirror, '--registry-mirror'),
    insecureRegistries: flags.insecureRegistry,
    registryEndpoints: pairs(flags.registryEndpoint, '--registry-endpoint'),
    isolation: flags.isolation,
  };
  const session = await openSession(home, options, io);
  try {
    await session.resumeOrphans();
    const resolvers = await storedTemplateResolvers(session.store);
    await saveRunOptions(home, name, options);
    await session.control.claim(name);
    await session.runner.submit({ ...resolvers, workflow, name, uid: randomUUID(), parameters });
    const status = await drive(session, name, io, { watch: flags.watch === true });
    printOutcome(name, status, flags.watch === true && flags.output === 'wide' ? 'none' : flags.output, io);
  } finally {
    await session.close();
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
    else if (flags.output === 'yaml')
      io.stdout.write(stringifyYaml({ name, manifest: record.manifest, status: record.status }));
    else printTree(name, record.status as WorkflowStatusJson, io);
  });
}

/** `slipway logs NAME [-f]`. */
export async function runLogs(
  name: string,
  flags: { home?: string; node?: string; follow?: boolean },
  io: WorkflowIo,
): Promise<void> {
  let lastAt = 0;
  let print: (text: string, nodeId: string) => void = () => undefined;
  const label = new Map<string, string>();
  await withStore(flags, io, async (store) => {
    const record = await store.getWorkflow(name);
    if (!record) throw new UsageError(`no workflow named \`${name}\``);
    const nodes = Object.values((record.status as WorkflowStatusJson).nodes ?? {});
    const wanted = flags.node
      ? nodes.find((n) => n.name === flags.node || n.displayName === flags.node || n.id === flags.node)
      : undefined;
    if (flags.node && !wanted) throw new UsageError(`workflow \`${name}\` has no node \`${flags.node}\``);
    for (const node of nodes) label.set(node.id, node.displayName);
    print = (text, nodeId) => {
      if (wanted !== undefined && nodeId !== wanted.id) return;
      io.stdout.write(`${label.get(nodeId) ?? nodeId}: ${text}${text.endsWith('\n') ? '' : '\n'}`);
    };
    let after = 0;
    for (;;) {
      const batch = await store.readLogs(name, {
        afterSeq: after,
        limit: 1000,
        ...(wanted ? { nodeId: wanted.id } : {}),
      });
      for (const entry of batch) {
        print(entry.text, entry.nodeId);
        lastAt = Math.max(lastAt, entry.at);
      }
      if (batch.length < 1000) break;
      after = batch[batch.length - 1]!.seq;
    }
  });
  if (flags.follow === true)
    await followLogs(homeOf(flags, io), name, lastAt, print, (status) => {
      for (const node of Object.values(status.nodes ?? {})) label.set(node.id, node.displayName);
    });
}

/** `slipway delete NAME`. */
export async function runDelete(name: string, flags: { home?: string }, io: WorkflowIo): Promise<void> {
  const home = homeOf(flags, io);
  const owner = await connectOwner(home, name);
  if (owner !== undefined) {
    owner.close();
    throw new UsageError(
      `workflow \`${name}\` is running in another slipway process; \`slipway terminate ${name}\` it first`,
    );
  }
  await withStore(flags, io, async (store) => {
    if (!(await store.deleteWorkflow(name))) throw new UsageError(`no workflow named \`${name}\``);
    await removeRunOptions(home, name);
    io.stdout.write(`deleted ${name}\n`);
  });
}
