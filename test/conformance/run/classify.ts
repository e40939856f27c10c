// Decides, per corpus file, what to run and the phase it must end in, or why it is left out.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  type CronWorkflow,
  type Diagnostic,
  loadDocuments,
  type Manifest,
  type Workflow,
  type WorkflowSpec,
} from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { yamlFiles } from '../../../packages/core/src/testing/corpus';
import { overrideFor } from './expectations';
import { needsOf } from './needs';

/** The corpus folders run, with the phase their workflows must end in. */
export const CATEGORIES = ['examples', 'e2e/smoke', 'e2e/functional', 'e2e/expectedfailures'] as const;
/** One of `CATEGORIES`. */
export type Category = (typeof CATEGORIES)[number];
/** `Failed` accepts Failed or Error; `Any` (random outcomes) any finished phase. */
export type Expectation = 'Succeeded' | 'Failed' | 'Any';

/** A workflow to run: what it is, where it came from, what must happen. */
export interface RunCase {
  readonly id: string;
  readonly category: Category;
  readonly expect: Expectation;
  readonly workflow: Workflow;
  /** Values given to parameters that have none (as `-p name=value`). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Stop or terminate it a few seconds in (see `Override.shutdown`). */
  readonly shutdown?: 'stop' | 'terminate';
  /** Its own timeout, when it takes minutes by design. */
  readonly timeoutMs?: number;
}

/** A document left out, and why. */
export interface Exclusion {
  readonly id: string;
  readonly category: Category;
  readonly reason: string;
}

/** Everything found in the corpus. */
export interface Classification {
  readonly cases: RunCase[];
  readonly excluded: Exclusion[];
  /** WorkflowTemplates and ClusterWorkflowTemplates, to store before anything runs. */
  readonly templates: Manifest[];
  /** The corpus's ConfigMaps (Argo's example test applies them first), by name. */
  readonly configMaps: Record<string, Record<string, string>>;
}

const NO_TEST = 'workflows.argoproj.io/no-test';
const PLACEHOLDER = 'conformance';

function expectationOf(
  id: string,
  category: Category,
  labels: Readonly<Record<string, string>>,
): Expectation {
  const override = overrideFor(id)?.expect;
  if (override) return override;
  if (category === 'e2e/expectedfailures' || labels[NO_TEST] === 'expected-failure') return 'Failed';
  return 'Succeeded';
}

/** A value for each workflow parameter that has none: its first enum value, else a placeholder. */
function missingParameters(spec: WorkflowSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of spec.arguments?.parameters ?? []) {
    if (param.value === undefined && param.valueFrom === undefined && param.default === undefined)
      out[param.name] = param.enum?.[0] ?? PLACEHOLDER;
  }
  return out;
}

function asWorkflow(manifest: Manifest): Workflow | undefined {
  switch (manifest.kind) {
    case 'Workflow':
      return manifest;
    case 'CronWorkflow': {
      const cron = manifest as CronWorkflow;
      return {
        apiVersion: cron.apiVersion,
        kind: 'Workflow',
        metadata: {
          generateName: `${cron.metadata?.name ?? 'cron'}-`,
          labels: { ...cron.metadata?.labels, ...cron.spec.workflowMetadata?.labels },
        },
        spec: cron.spec.workflowSpec,
      };
    }
    case 'WorkflowTemplate':
    case 'ClusterWorkflowTemplate': {
      const name = manifest.metadata?.name ?? '';
      if (!manifest.spec.entrypoint) return undefined;
      return {
        apiVersion: manifest.apiVersion,
        kind: 'Workflow',
        metadata: { generateName: `${name}-`, labels: { ...manifest.metadata?.labels } },
        spec: {
          workflowTemplateRef: {
            name,
            ...(manifest.kind === 'ClusterWorkflowTemplate' ? { clusterScope: true } : {}),
          },
        },
      };
    }
    default:
      return undefined;
  }
}

/** The ConfigMaps (`kind: ConfigMap`, string data) among the documents of a YAML text. */
function configMapsIn(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown }; data?: unknown } | null;
    if (value?.kind !== 'ConfigMap' || typeof value.metadata?.name !== 'string') continue;
    const data = typeof value.data === 'object' && value.data !== null ? value.data : {};
    out[value.metadata.name] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
  }
  return out;
}

/** For a WorkflowTemplate run on its own: entrypoint inputs that have no value or default. */
function entryInputsWithoutValue(manifest: Manifest): string[] {
  if (manifest.kind !== 'WorkflowTemplate' && manifest.kind !== 'ClusterWorkflowTemplate') return [];
  const entry = manifest.spec.templates?.find((t) => t.name === manifest.spec.entrypoint);
  const given = new Set((manifest.spec.arguments?.parameters ?? []).map((p) => p.name));
  return (entry?.inputs?.parameters ?? [])
    .filter((p) => p.value === undefined && p.default === undefined && !given.has(p.name))
    .map((p) => p.name);
}

/** What the workflow needs, its WorkflowTemplate's needs included. */
function needsWithTemplates(
  workflow: Workflow,
  templates: readonly Manifest[],
  configMaps: ReadonlySet<string>,
): string[] {
  const ref = workflow.spec.workflowTemplateRef;
  const joined = templates.filter(
    (t) =>
      (t.kind === 'WorkflowTemplate' || t.kind === 'ClusterWorkflowTemplate') &&
      t.metadata?.name === ref?.name,
  );
  const referenced = new Set(
    JSON.stringify(workflow.spec)
      .match(/"templateRef":\{"name":"[^"]+"/g)
      ?.map((m) => m.split('"')[5]),
  );
  const used = templates.filter((t) => referenced.has(t.metadata?.name ?? ''));
  return [
    ...new Set([
      ...needsOf(workflow.spec, configMaps),
      ...[...joined, ...used].flatMap((t) => needsOf((t as { spec: unknown }).spec, configMaps)),
    ]),
  ];
}

/** Whether one runnable document is run (and what it must end in) or left out (and why). */
function decide(
  id: string,
  category: Category,
  manifest: Manifest,
  diagnostics: readonly Diagnostic[],
  templates: readonly Manifest[],
  configMaps: ReadonlySet<string>,
): RunCase | Exclusion {
  const workflow = asWorkflow(manifest)!;
  const override = overrideFor(id);
  const needsInputs = entryInputsWithoutValue(manifest);
  if (needsInputs.length > 0) {
    const inputs = needsInputs.join(', ');
    return {
      id,
      category,
      reason: `a template library: its entrypoint needs inputs (${inputs}) that a caller gives`,
    };
  }
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) return { id, category, reason: `does not load: ${error.message}` };
  if (override?.exclude) return { id, category, reason: override.exclude };
  const needs = needsWithTemplates(workflow, templates, configMaps);
  if (needs.length > 0) return { id, category, reason: `needs ${needs.join('; ')}` };
  return {
    ...(override?.shutdown ? { shutdown: override.shutdown } : {}),
    ...(override?.timeoutSeconds ? { timeoutMs: override.timeoutSeconds * 1000 } : {}),
    id,
    category,
    expect: expectationOf(id, category, { ...manifest.metadata?.labels }),
    workflow,
    parameters: missingParameters(workflow.spec),
  };
}

/** Reads and classifies every file of the corpus under `root` (`filter`: keep ids containing it). */
export async function classifyCorpus(root: string, filter = ''): Promise<Classification> {
  const loaded = [];
  const configMaps: Record<string, Record<string, string>> = {};
  for (const category of CATEGORIES) {
    for (const file of yamlFiles(join(root, category))) {
      const text = await readFile(file, 'utf8');
      const load = loadDocuments([{ file, text }]);
      loaded.push({ category, file, rel: relative(root, file), load });
      if (load.ignored.some((d) => d.kind === 'ConfigMap')) Object.assign(configMaps, configMapsIn(text));
    }
  }
  const configMapNames = new Set(Object.keys(configMaps));
  const templates = loaded.flatMap(({ load }) =>
    load.manifests
      .map((m) => m.manifest)
      .filter((m) => m.kind === 'WorkflowTemplate' || m.kind === 'ClusterWorkflowTemplate'),
  );
  const cases: RunCase[] = [];
  const excluded: Exclusion[] = [];
  for (const { category, rel, load } of loaded) {
    const runnable = load.manifests.filter((m) => asWorkflow(m.manifest) !== undefined);
    const hasWorkflow = runnable.some(
      (m) => m.manifest.kind !== 'WorkflowTemplate' && m.manifest.kind !== 'ClusterWorkflowTemplate',
    );
    for (const [index, loadedManifest] of runnable.entries()) {
      const id = runnable.length > 1 ? `${rel}#${index + 1}` : rel;
      if (!id.includes(filter)) continue;
      const manifest = loadedManifest.manifest;
      // Templates beside a Workflow of their own file are there for that Workflow.
      if (
        hasWorkflow &&
        (manifest.kind === 'WorkflowTemplate' || manifest.kind === 'ClusterWorkflowTemplate')
      )
        continue;
      const decided = decide(id, category, manifest, load.diagnostics, templates, configMapNames);
      if ('reason' in decided) excluded.push(decided);
      else cases.push(decided);
    }
    if (runnable.length === 0 && rel.includes(filter)) {
      const reason =
        load.diagnostics[0]?.message ??
        `holds no Workflow (${load.ignored.map((d) => d.kind).join(', ') || 'nothing'})`;
      excluded.push({ id: rel, category, reason });
    }
  }
  return { cases, excluded, templates, configMaps };
}
