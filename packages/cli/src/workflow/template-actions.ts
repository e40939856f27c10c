import { readFile } from 'node:fs/promises';
import { formatDiagnostic, lint, loadDocuments, type TemplateKind } from '@slipway/core';
import { UsageError } from '../usage-error';
import type { WorkflowIo } from './io';
import { withStore } from './with-store';

const KINDS: Record<string, TemplateKind> = {
  workflowtemplate: 'WorkflowTemplate',
  clusterworkflowtemplate: 'ClusterWorkflowTemplate',
  cronworkflow: 'CronWorkflow',
};

/** `slipway template create FILE…`: lint the files together, then store every template they define. */
export async function runTemplateCreate(
  files: string[],
  flags: { home?: string; kind?: TemplateKind },
  io: WorkflowIo,
): Promise<void> {
  const sources = await Promise.all(
    files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })),
  );
  const load = loadDocuments(sources);
  const errors = lint(load).filter(
    (d) => d.severity === 'error' && d.code !== 'SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
  );
  if (errors.length > 0) {
    for (const d of errors)
      io.stderr.write(`${formatDiagnostic(d, undefined, load.texts.get(d.range.file))}\n`);
    io.setExitCode(2);
    return;
  }
  const wanted = load.manifests.filter((loaded) => {
    const kind = loaded.manifest.kind;
    if (flags.kind !== undefined) return kind === flags.kind;
    return kind === 'WorkflowTemplate' || kind === 'ClusterWorkflowTemplate' || kind === 'CronWorkflow';
  });
  if (wanted.length === 0)
    throw new UsageError(
      `${files.join(', ')}: no ${flags.kind ?? 'WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow'} to store`,
    );
  await withStore(flags, io, async (store) => {
    for (const loaded of wanted) {
      const kind = loaded.manifest.kind as TemplateKind;
      const name = loaded.manifest.metadata?.name;
      if (!name) throw new UsageError(`${loaded.file}: a ${kind} needs metadata.name`);
      await store.putTemplate(kind, name, loaded.manifest);
      io.stdout.write(`${kind.toLowerCase()}/${name} stored\n`);
    }
  });
}

/** `slipway template list`. */
export async function runTemplateList(
  flags: { home?: string; kind?: TemplateKind },
  io: WorkflowIo,
): Promise<void> {
  await withStore(flags, io, async (store) => {
    for (const kind of flags.kind ? [flags.kind] : Object.values(KINDS)) {
      for (const { name } of await store.listTemplates(kind))
        io.stdout.write(`${kind.toLowerCase()}/${name}\n`);
    }
  });
}

function parseKindName(
  text: string,
  defaultKind: TemplateKind = 'WorkflowTemplate',
): { kind: TemplateKind; name: string } {
  const slash = text.indexOf('/');
  const kind = slash === -1 ? defaultKind : KINDS[text.slice(0, slash).toLowerCase()];
  if (!kind)
    throw new UsageError(
      `\`${text}\`: write workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronworkflow/NAME`,
    );
  return { kind, name: slash === -1 ? text : text.slice(slash + 1) };
}

/** `slipway template get KIND/NAME`. */
export async function runTemplateGet(
  text: string,
  flags: { home?: string; kind?: TemplateKind },
  io: WorkflowIo,
): Promise<void> {
  const { kind, name } = parseKindName(text, flags.kind);
  await withStore(flags, io, async (store) => {
    const manifest = await store.getTemplate(kind, name);
    if (!manifest) throw new UsageError(`no ${kind} named \`${name}\`; \`slipway template list\` shows them`);
    io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  });
}

/** `slipway template delete KIND/NAME`. */
export async function runTemplateDelete(
  text: string,
  flags: { home?: string; kind?: TemplateKind },
  io: WorkflowIo,
): Promise<void> {
  const { kind, name } = parseKindName(text, flags.kind);
  await withStore(flags, io, async (store) => {
    if (!(await store.deleteTemplate(kind, name))) throw new UsageError(`no ${kind} named \`${name}\``);
    io.stdout.write(`${kind.toLowerCase()}/${name} deleted\n`);
  });
}

/** `slipway secret create NAME --from-literal k=v…`. Values are masked nowhere else but in logs (see runner). */
export async function runSecretCreate(
  name: string,
  literals: string[],
  flags: { home?: string },
  io: WorkflowIo,
): Promise<void> {
  if (literals.length === 0) throw new UsageError('give the secret its data with --from-literal key=value');
  const data: Record<string, string> = {};
  for (const literal of literals) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new UsageError(`--from-literal takes key=value, got \`${literal.split('=')[0]}…\``);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  await withStore(flags, io, async (store) => {
    await store.putSecret(name, data);
    io.stdout.write(
      `secret/${name} stored (${Object.keys(data).length} key${Object.keys(data).length === 1 ? '' : 's'})\n`,
    );
  });
}

/** `slipway secret list`. */
export async function runSecretList(flags: { home?: string }, io: WorkflowIo): Promise<void> {
  await withStore(flags, io, async (store) => {
    for (const name of await store.listSecrets()) io.stdout.write(`${name}\n`);
  });
}

/** `slipway secret delete NAME`. */
export async function runSecretDelete(name: string, flags: { home?: string }, io: WorkflowIo): Promise<void> {
  await withStore(flags, io, async (store) => {
    if (!(await store.deleteSecret(name))) throw new UsageError(`no secret named \`${name}\``);
    io.stdout.write(`secret/${name} deleted\n`);
  });
}
