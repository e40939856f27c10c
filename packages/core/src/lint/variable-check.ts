import type { Severity } from '../diagnostics/diagnostic';
import { didYouMean } from '../diagnostics/suggest';
import { isPodTemplate, producesResult } from './manifest-view';
import type { NodeRef, Scope } from './scope';

/** A reference that does not resolve: what is wrong, how bad, and a likely fix. */
export interface VariableProblem {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** What a reference used, for the "unused parameter" warnings. */
export interface VariableUse {
  readonly inputParam?: string;
  readonly allInputParams?: boolean;
  readonly workflowParam?: string;
}

const WORKFLOW_FIELDS = [
  'name',
  'namespace',
  'uid',
  'mainEntrypoint',
  'serviceAccountName',
  'priority',
  'duration',
  'status',
  'failures',
  'scheduledTime',
  'creationTimestamp',
  'parameters',
  'outputs',
  'labels',
  'annotations',
];
const NODE_FIELDS = ['id', 'ip', 'status', 'exitCode', 'startedAt', 'finishedAt', 'hostNodeName', 'outputs'];
const CHECKED_ROOTS = new Set([
  'item',
  'steps',
  'tasks',
  'inputs',
  'outputs',
  'pod',
  'workflow',
  'cronworkflow',
]);
const UNRESOLVED = 'SLIPWAY_LINT_UNRESOLVED_VARIABLE';

/** True when Slipway checks references under this root (others may be a tool's own `{{…}}` syntax). */
export function isCheckedRoot(root: string): boolean {
  return CHECKED_ROOTS.has(root);
}

/** Checks one variable path (`['inputs','parameters','x']`) against a scope. */
export function checkVariable(
  path: readonly string[],
  scope: Scope,
  use: (u: VariableUse) => void,
): VariableProblem | undefined {
  const [root, ...rest] = path;
  const name = path.join('.');
  switch (root) {
    case 'item':
      return checkItem(rest, scope, name);
    case 'inputs':
      return checkInputs(rest, scope, name, use);
    case 'outputs':
      return checkOwnOutputs(rest, scope, name);
    case 'pod':
      if (rest.length === 1 && rest[0] === 'name' && scope.template && isPodTemplate(scope.template))
        return undefined;
      return error(
        `\`${name}\` is only defined in templates that run a pod (container, script, containerSet, resource, data)`,
      );
    case 'workflow':
      return checkWorkflow(rest, scope, name, use);
    case 'cronworkflow':
      return scope.globals.cron ? undefined : error(`\`${name}\` is only defined in a CronWorkflow`);
    case 'steps':
    case 'tasks':
      return checkNode(root, rest, scope, name);
    default:
      return undefined;
  }
}

function error(message: string, suggestion?: string): VariableProblem {
  return { severity: 'error', code: UNRESOLVED, message, ...(suggestion ? { suggestion } : {}) };
}

function checkItem(rest: readonly string[], scope: Scope, name: string): VariableProblem | undefined {
  if (!scope.loop) {
    return error(
      `\`${name}\` is only defined in a step or task with \`withItems\`, \`withParam\` or \`withSequence\``,
    );
  }
  const keys = scope.loop.itemKeys;
  const key = rest[0];
  if (key !== undefined && keys && !keys.has(key)) {
    return error(`\`${name}\`: the items of this loop have no key \`${key}\``, didYouMean(key, keys));
  }
  return undefined;
}

function checkInputs(
  rest: readonly string[],
  scope: Scope,
  name: string,
  use: (u: VariableUse) => void,
): VariableProblem | undefined {
  const [kind, param, ...tail] = rest;
  const inputs = scope.template?.inputs;
  if (kind === 'parameters') {
    if (param === undefined) {
      use({ allInputParams: true });
      return undefined;
    }
    const declared = (inputs?.parameters ?? []).map((p) => p.name);
    use({ inputParam: param });
    if (declared.includes(param) && tail.length === 0) return undefined;
    if (!scope.template) return error(`\`${name}\` is only defined inside a template`);
    if (declared.includes(param)) return error(`\`${name}\`: a parameter has no fields`);
    return error(
      `\`${name}\` is not declared: template \`${scope.template.name ?? ''}\` has no input parameter \`${param}\``,
      didYouMean(param, declared),
    );
  }
  if (kind === 'artifacts') {
    const declared = (inputs?.artifacts ?? []).map((a) => a.name);
    if (
      param !== undefined &&
      declared.includes(param) &&
      (tail.length === 0 || (tail.length === 1 && tail[0] === 'path'))
    ) {
      return undefined;
    }
    if (!scope.template) return error(`\`${name}\` is only defined inside a template`);
    return error(
      `\`${name}\` is not declared: template \`${scope.template.name ?? ''}\` has no input artifact \`${param ?? ''}\``,
      didYouMean(param ?? '', declared),
    );
  }
  return error(
    `\`${name}\`: inputs are \`inputs.parameters.NAME\` or \`inputs.artifacts.NAME\``,
    didYouMean(kind ?? '', ['parameters', 'artifacts']),
  );
}

function checkOwnOutputs(rest: readonly string[], scope: Scope, name: string): VariableProblem | undefined {
  const template = scope.template;
  if (!template) return error(`\`${name}\` is only defined inside a template`);
  const [kind, item] = rest;
  if (kind === 'result' || kind === 'exitCode') return undefined;
  const declared =
    kind === 'parameters'
      ? (template.outputs?.parameters ?? []).map((p) => p.name)
      : kind === 'artifacts'
        ? (template.outputs?.artifacts ?? []).map((a) => a.name)
        : undefined;
  if (!declared)
    return error(
      `\`${name}\`: outputs are \`outputs.parameters.NAME\`, \`outputs.artifacts.NAME\` or \`outputs.result\``,
    );
  if (item !== undefined && declared.includes(item)) return undefined;
  return error(
    `\`${name}\` is not declared in the outputs of template \`${template.name ?? ''}\``,
    didYouMean(item ?? '', declared),
  );
}

function checkWorkflow(
  rest: readonly string[],
  scope: Scope,
  name: string,
  use: (u: VariableUse) => void,
): VariableProblem | undefined {
  const [field, sub, ...tail] = rest;
  const g = scope.globals;
  switch (field) {
    case 'name':
    case 'namespace':
    case 'uid':
    case 'mainEntrypoint':
    case 'serviceAccountName':
    case 'priority':
    case 'duration':
    case 'status':
    case 'failures':
    case 'scheduledTime':
      return sub === undefined ? undefined : error(`\`${name}\`: \`workflow.${field}\` has no fields`);
    case 'creationTimestamp':
      return undefined;
    case 'parameters': {
      if (sub === undefined || sub === 'json') return undefined;
      const param = [sub, ...tail].join('.');
      use({ workflowParam: param });
      if (g.params.has(param)) return undefined;
      const suggestion = didYouMean(param, g.params);
      if (g.paramsFromCaller) {
        return {
          severity: 'warning',
          code: 'SLIPWAY_LINT_UNDECLARED_WORKFLOW_PARAMETER',
          message: `\`${name}\` is not declared in this template's \`spec.arguments\`; it resolves only if the workflow that runs it declares \`${param}\``,
          ...(suggestion ? { suggestion } : {}),
        };
      }
      return error(
        `\`${name}\` is not declared: add \`${param}\` to \`spec.arguments.parameters\``,
        suggestion,
      );
    }
    case 'outputs': {
      const item = tail[0];
      if (g.anyGlobalOutput) return undefined;
      const declared =
        sub === 'parameters' ? g.outputParams : sub === 'artifacts' ? g.outputArtifacts : undefined;
      if (!declared)
        return error(
          `\`${name}\`: use \`workflow.outputs.parameters.NAME\` or \`workflow.outputs.artifacts.NAME\``,
        );
      if (item !== undefined && declared.has(item)) return undefined;
      return error(
        `\`${name}\`: no output declares \`globalName: ${item ?? ''}\``,
        didYouMean(item ?? '', declared),
      );
    }
    case 'labels':
    case 'annotations': {
      if (sub === undefined || sub === 'json') return undefined;
      const key = [sub, ...tail].join('.');
      const declared = field === 'labels' ? g.labels : g.annotations;
      if (declared.has(key)) return undefined;
      return {
        severity: 'warning',
        code: 'SLIPWAY_LINT_UNKNOWN_LABEL',
        message: `\`${name}\`: this workflow declares no ${field === 'labels' ? 'label' : 'annotation'} \`${key}\`; it resolves only if one is added at submission`,
      };
    }
    default:
      return error(`\`${name}\` is not a workflow variable`, didYouMean(field ?? '', WORKFLOW_FIELDS));
  }
}

function checkNode(
  prefix: 'steps' | 'tasks',
  rest: readonly string[],
  scope: Scope,
  name: string,
): VariableProblem | undefined {
  const [nodeName, field, kind, item, ...tail] = rest;
  if (nodeName === undefined) return error(`\`${name}\` names no ${prefix === 'steps' ? 'step' : 'task'}`);
  if (nodeName === 'name' && field === undefined) return undefined;
  const nodes = scope.nodes;
  if (!nodes || nodes.prefix !== prefix) {
    return error(
      `\`${name}\`: \`${prefix}.…\` is only defined inside a ${prefix === 'steps' ? 'steps' : 'dag'} template`,
    );
  }
  const node = nodes.all.get(nodeName);
  if (!node || !nodes.isVisible(nodeName)) {
    if (node) return error(`\`${name}\`: ${nodes.whyHidden(nodeName)}`);
    return error(
      `\`${name}\`: there is no ${prefix === 'steps' ? 'step' : 'task'} \`${nodeName}\` here`,
      didYouMean(nodeName, nodes.all.keys()),
    );
  }
  if (field === undefined || !NODE_FIELDS.includes(field)) {
    return error(
      `\`${name}\`: ${prefix} have no field \`${field ?? ''}\``,
      didYouMean(field ?? '', NODE_FIELDS),
    );
  }
  if (field !== 'outputs')
    return kind === undefined ? undefined : error(`\`${name}\`: \`${field}\` has no fields`);
  return checkNodeOutputs(node, nodeName, kind, item, tail, name);
}

function checkNodeOutputs(
  node: NodeRef,
  nodeName: string,
  kind: string | undefined,
  item: string | undefined,
  tail: readonly string[],
  name: string,
): VariableProblem | undefined {
  const template = node.template;
  if (!template) return undefined;
  const label = `\`${nodeName}\` (template \`${template.name ?? 'inline'}\`)`;
  if (kind === 'result' || kind === 'exitCode') {
    if (producesResult(template) || (node.loop && kind === 'result')) return undefined;
    return error(
      `\`${name}\`: ${label} produces no \`outputs.${kind}\` (only container, script, http and data templates do)`,
    );
  }
  if (kind === 'parameters') {
    if (item === undefined) return undefined;
    const declared = (template.outputs?.parameters ?? []).map((p) => p.name);
    if (declared.includes(item) && tail.length === 0) return undefined;
    return error(
      `\`${name}\`: ${label} declares no output parameter \`${item}\``,
      didYouMean(item, declared),
    );
  }
  if (kind === 'artifacts') {
    const declared = (template.outputs?.artifacts ?? []).map((a) => a.name);
    if (item !== undefined && declared.includes(item)) return undefined;
    return error(
      `\`${name}\`: ${label} declares no output artifact \`${item ?? ''}\``,
      didYouMean(item ?? '', declared),
    );
  }
  return error(
    `\`${name}\`: outputs are \`outputs.result\`, \`outputs.parameters.NAME\` or \`outputs.artifacts.NAME\``,
  );
}
