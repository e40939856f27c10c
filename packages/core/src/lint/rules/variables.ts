import { scanTemplate, simpleTagName } from '../../expr/tags';
import type { LoadedManifest } from '../../spec/load';
import type { Template, WorkflowStep } from '../../spec/model/template';
import type { LintContext } from '../context';
import { buildDagGraph } from '../dag-graph';
import { analyseExpression } from '../expressions';
import { allTemplates, callSitesOf, type ManifestView } from '../manifest-view';
import { specOf } from '../registry';
import { resolveCall } from '../resolve-call';
import type { Globals, NodeRef, Scope } from '../scope';
import { walkStrings } from '../string-walk';
import { checkVariable, isCheckedRoot, type VariableUse } from '../variable-check';

const TEMPLATE_ONLY_KEYS = new Set(['templates', 'templateDefaults']);
const CALL_SKIP = new Set(['inline', 'hooks']);

/** Tracks which declared parameters some reference uses, for the unused-parameter warnings. */
class Usage {
  readonly inputs = new Map<Template, Set<string>>();
  readonly allInputs = new Set<Template>();
  readonly workflowParams = new Set<string>();

  record(template: Template | undefined, use: VariableUse): void {
    if (use.workflowParam !== undefined) this.workflowParams.add(use.workflowParam);
    if (!template) return;
    if (use.allInputParams) this.allInputs.add(template);
    if (use.inputParam !== undefined) {
      let used = this.inputs.get(template);
      if (!used) {
        used = new Set();
        this.inputs.set(template, used);
      }
      used.add(use.inputParam);
    }
  }
}

/** Every `{{…}}` reference resolves in its scope; tag traps (whitespace, syntax) are reported; unused parameters warned. */
export function checkVariables(ctx: LintContext, view: ManifestView): void {
  const globals = buildGlobals(ctx, view);
  const usage = new Usage();
  const checker = new StringChecker(ctx, view.loaded, usage);
  checker.walk(view.spec, { globals }, TEMPLATE_ONLY_KEYS);
  for (const template of allTemplates(view.spec)) checkTemplate(ctx, view, checker, globals, template);
  reportUnused(ctx, view, usage);
}

function checkTemplate(
  ctx: LintContext,
  view: ManifestView,
  checker: StringChecker,
  globals: Globals,
  template: Template,
): void {
  const base: Scope = { globals, template };
  if (template.steps) {
    checker.walk(template, base, new Set(['steps', 'outputs']));
    const all = new Map<string, NodeRef>();
    const groupOf = new Map<string, number>();
    template.steps.forEach((group, index) => {
      for (const step of group) {
        all.set(step.name, nodeRef(ctx, view, step));
        groupOf.set(step.name, index);
      }
    });
    template.steps.forEach((group, index) => {
      for (const step of group) {
        const whyHidden = (name: string) =>
          groupOf.get(name) === index
            ? `step \`${name}\` runs in the same step group as \`${step.name}\`, in parallel; move it to an earlier group`
            : `step \`${name}\` runs after \`${step.name}\` (a later step group)`;
        const isVisible = (name: string) => (groupOf.get(name) ?? index) < index;
        const nodes = { prefix: 'steps' as const, isVisible, all, whyHidden };
        checker.walk(step, { ...base, nodes, ...loopOf(step) }, CALL_SKIP);
        const hookNodes = { ...nodes, isVisible: (name: string) => name === step.name || isVisible(name) };
        for (const hook of Object.values(step.hooks ?? {})) checker.walk(hook, { ...base, nodes: hookNodes });
      }
    });
    checker.walk(template.outputs, {
      ...base,
      nodes: { prefix: 'steps', isVisible: () => true, all, whyHidden: () => '' },
    });
  } else if (template.dag) {
    checker.walk(template, base, new Set(['dag', 'outputs']));
    checker.walk(template.dag, base, new Set(['tasks']));
    const graph = buildDagGraph(template.dag.tasks);
    const all = new Map(template.dag.tasks.map((task) => [task.name, nodeRef(ctx, view, task)]));
    for (const task of template.dag.tasks) {
      const whyHidden = (name: string) =>
        name === task.name
          ? `task \`${name}\` cannot read its own outputs`
          : `task \`${name}\` is not a dependency of \`${task.name}\`; add it to \`depends\` so it runs first`;
      const isVisible = (name: string) => name !== task.name && graph.isAncestor(task.name, name);
      const nodes = { prefix: 'tasks' as const, isVisible, all, whyHidden };
      checker.walk(
        task,
        { ...base, nodes, ...loopOf(task) },
        new Set([...CALL_SKIP, 'depends', 'dependencies']),
      );
      const hookNodes = { ...nodes, isVisible: (name: string) => name === task.name || isVisible(name) };
      for (const hook of Object.values(task.hooks ?? {})) checker.walk(hook, { ...base, nodes: hookNodes });
    }
    checker.walk(template.outputs, {
      ...base,
      nodes: { prefix: 'tasks', isVisible: () => true, all, whyHidden: () => '' },
    });
  } else {
    checker.walk(template, base);
  }
}

function nodeRef(ctx: LintContext, view: ManifestView, call: WorkflowStep): NodeRef {
  const target = resolveCall(view, ctx.registry, call);
  const loop =
    call.withItems !== undefined || call.withParam !== undefined || call.withSequence !== undefined;
  return target.status === 'found' ? { template: target.template, loop } : { loop };
}

function loopOf(call: WorkflowStep): Pick<Scope, 'loop'> {
  if (call.withParam !== undefined || call.withSequence !== undefined) return { loop: {} };
  if (call.withItems === undefined) return {};
  const items = call.withItems;
  if (!items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    return {
      loop: items.some((item) => item !== null && typeof item === 'object') ? {} : { itemKeys: new Set() },
    };
  }
  return { loop: { itemKeys: new Set(items.flatMap((item) => Object.keys(item as object))) } };
}

function buildGlobals(ctx: LintContext, view: ManifestView): Globals {
  const { spec, referencedSpec, loaded } = view;
  const specs = [spec, ...(referencedSpec ? [referencedSpec] : [])];
  const params = new Set(specs.flatMap((s) => (s.arguments?.parameters ?? []).map((p) => p.name)));
  const outputParams = new Set<string>();
  const outputArtifacts = new Set<string>();
  let anyGlobalOutput = false;
  const sources = [...specs, ...ctx.load.manifests.flatMap((m) => (m === loaded ? [] : [specOf(m)]))];
  for (const source of sources) {
    if (!source) continue;
    for (const template of allTemplates(source)) {
      for (const p of template.outputs?.parameters ?? []) {
        if (p.globalName) outputParams.add(p.globalName);
        if (p.globalName?.includes('{{')) anyGlobalOutput = true;
      }
      for (const a of template.outputs?.artifacts ?? []) {
        if (a.globalName) outputArtifacts.add(a.globalName);
        if (a.globalName?.includes('{{')) anyGlobalOutput = true;
      }
    }
  }
  const meta = loaded.manifest.metadata;
  const labels = new Set([
    ...Object.keys(meta?.labels ?? {}),
    ...specs.flatMap((s) => [
      ...Object.keys(s.workflowMetadata?.labels ?? {}),
      ...Object.keys(s.workflowMetadata?.labelsFrom ?? {}),
    ]),
  ]);
  const annotations = new Set([
    ...Object.keys(meta?.annotations ?? {}),
    ...specs.flatMap((s) => Object.keys(s.workflowMetadata?.annotations ?? {})),
  ]);
  const kind = loaded.manifest.kind;
  return {
    params,
    paramsFromCaller: kind === 'WorkflowTemplate' || kind === 'ClusterWorkflowTemplate',
    outputParams,
    outputArtifacts,
    anyGlobalOutput,
    labels,
    annotations,
    cron: kind === 'CronWorkflow',
  };
}

/** Checks every tag of every string under a value against one scope. */
class StringChecker {
  constructor(
    private readonly ctx: LintContext,
    private readonly loaded: LoadedManifest,
    private readonly usage: Usage,
  ) {}

  walk(value: unknown, scope: Scope, skip?: ReadonlySet<string>): void {
    if (value === undefined) return;
    walkStrings(value, (parent, key, text) => this.checkString(parent, key, text, scope), skip);
  }

  private checkString(parent: object, key: string | number, text: string, scope: Scope): void {
    if (!text.includes('{{')) return;
    const scan = scanTemplate(text);
    for (const problem of scan.problems) {
      this.ctx.reportInValue(this.loaded, problem.severity, problem.code, problem.message, {
        parent,
        key,
        value: text,
        offset: problem.offset,
        length: problem.length,
      });
    }
    const use = (u: VariableUse) => this.usage.record(scope.template, u);
    for (const tag of scan.tags) {
      const at = {
        parent,
        key,
        value: text,
        offset: tag.start,
        length: tag.end - tag.start,
        needle: tag.raw,
      };
      if (tag.kind === 'simple') {
        const name = simpleTagName(tag.inner);
        if (name.hasInnerWhitespace) {
          this.ctx.reportInValue(
            this.loaded,
            'warning',
            'SLIPWAY_LINT_TAG_WHITESPACE',
            `whitespace inside the tag \`${tag.raw}\`: Argo does not resolve it and passes the text through unchanged`,
            at,
            `write \`{{${name.compact}}}\``,
          );
        }
        this.checkPath(name.compact.split('.'), scope, use, at);
      } else {
        const analysis = analyseExpression(tag.inner);
        if (!analysis.ok) {
          this.ctx.reportInValue(
            this.loaded,
            'error',
            analysis.code,
            `in expression \`${tag.raw}\`: ${analysis.message}`,
            at,
          );
          continue;
        }
        for (const hint of analysis.hyphens) {
          this.ctx.reportInValue(
            this.loaded,
            'error',
            'SLIPWAY_LINT_EXPR_HYPHEN',
            `in expression \`${tag.raw}\`: \`${hint.written}\` is read as a subtraction, not a name with a hyphen`,
            at,
            `write \`${hint.suggestion}\``,
          );
        }
        for (const variable of analysis.variables) {
          // A hyphenated name was reported above; its halves are not variables of their own.
          const insideHyphen = analysis.hyphens.some(
            (h) => variable.offset >= h.offset && variable.offset < h.offset + h.length,
          );
          if (!insideHyphen) this.checkPath(variable.path, scope, use, at);
        }
      }
    }
  }

  /** Checks one variable path of a tag and reports it at the tag when it does not resolve. */
  private checkPath(
    path: readonly string[],
    scope: Scope,
    use: (u: VariableUse) => void,
    at: Parameters<LintContext['reportInValue']>[4],
  ): void {
    if (!isCheckedRoot(path[0] ?? '')) return;
    const problem = checkVariable(path, scope, use);
    if (problem) {
      this.ctx.reportInValue(
        this.loaded,
        problem.severity,
        problem.code,
        problem.message,
        at,
        problem.suggestion,
      );
    }
  }
}

function reportUnused(ctx: LintContext, view: ManifestView, usage: Usage): void {
  for (const template of allTemplates(view.spec)) {
    if (usage.allInputs.has(template)) continue;
    const used = usage.inputs.get(template);
    for (const param of template.inputs?.parameters ?? []) {
      if (used?.has(param.name)) continue;
      ctx.report(
        view.loaded,
        'warning',
        'SLIPWAY_LINT_UNUSED_PARAMETER',
        `input parameter \`${param.name}\` of template \`${template.name ?? 'inline'}\` is never used`,
        { parent: param, key: 'name' },
      );
    }
  }
  const entry = view.spec.entrypoint ? view.localTemplate(view.spec.entrypoint) : undefined;
  const entryInputs = new Set((entry?.inputs?.parameters ?? []).map((p) => p.name));
  const usedElsewhere = workflowParametersUsedByReferencedTemplates(ctx, view);
  for (const param of view.spec.arguments?.parameters ?? []) {
    if (usage.workflowParams.has(param.name) || entryInputs.has(param.name) || usedElsewhere.has(param.name))
      continue;
    ctx.report(
      view.loaded,
      'warning',
      'SLIPWAY_LINT_UNUSED_PARAMETER',
      `workflow parameter \`${param.name}\` is never used: no \`{{workflow.parameters.${param.name}}}\` and no entrypoint input of that name`,
      { parent: param, key: 'name' },
    );
  }
}

const WORKFLOW_PARAMETER_REFERENCE = /workflow\.parameters\.([A-Za-z0-9_.-]+?)\s*(?:}}|\])/g;

/** Templates called through templateRef read the running workflow's parameters too. */
function workflowParametersUsedByReferencedTemplates(ctx: LintContext, view: ManifestView): Set<string> {
  const owners = new Set<LoadedManifest>();
  for (const template of allTemplates(view.spec)) {
    for (const site of callSitesOf(template)) {
      const ref = site.call.templateRef;
      if (!ref) continue;
      const resolution = ctx.registry.resolveRef(ref);
      if (resolution.status === 'found') owners.add(resolution.resolved.owner);
    }
  }
  const used = new Set<string>();
  for (const owner of owners) {
    walkStrings(specOf(owner), (_parent, _key, text) => {
      for (const match of text.matchAll(WORKFLOW_PARAMETER_REFERENCE)) used.add(match[1]!);
    });
  }
  return used;
}
