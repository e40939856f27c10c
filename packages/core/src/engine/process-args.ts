// Argo's common.ProcessArgs and SubstituteParams: bind arguments to a template's inputs (defaults, absent
// optionals, artifacts), then substitute globals and locals, then inputs, across the whole template.
import type { Arguments, Artifact, Parameter, Template } from '../spec/model';
import { type ConfigMapData, configMapValue } from './config-maps';
import { TemplateRunError } from './errors';
import { goJsonOrdered, parameterJson } from './globals';
import { type EvalContext, LENIENT, substituteDeep } from './substitute';
import { collectFromMap, LayeredVariables, MapVariables, type Variables, type VarValue } from './variables';

/** Argo's sentinel for an argument that is a pure reference to an absent optional output. */
export const ABSENT_ARGUMENT = '__argo-internal.absent-optional-output__';

// Locations that make an artifact self-sufficient (Argo's HasLocationOrKey).
const LOCATIONS = ['s3', 'gcs', 'git', 'http', 'artifactory', 'hdfs', 'oss', 'azure', 'raw', 'plugin', 'key'];

function hasLocation(artifact: Artifact | Record<string, unknown>): boolean {
  return LOCATIONS.some((field) => (artifact as Record<string, unknown>)[field] !== undefined);
}

function bindParameter(input: Parameter, args: Arguments, configMaps: ConfigMapData): Parameter {
  const param: Parameter = { ...input };
  if (param.value === undefined && param.default !== undefined) param.value = param.default;
  const arg = args.parameters?.find((p) => p.name === input.name);
  if (arg !== undefined && arg.value === ABSENT_ARGUMENT) {
    if (param.value === undefined && param.valueFrom === undefined) {
      throw new TemplateRunError(
        `inputs.parameters.${input.name}: argument references an absent optional (skipped/omitted node output with no default)`,
      );
    }
  } else if (arg !== undefined) {
    if (arg.value !== undefined) {
      param.value = arg.value;
      delete param.valueFrom;
    } else {
      param.valueFrom = arg.valueFrom;
      delete param.value;
    }
  }
  if (param.valueFrom?.configMapKeyRef !== undefined) {
    const found = configMapValue(configMaps, param.valueFrom.configMapKeyRef);
    const value = 'value' in found ? found.value : param.valueFrom.default;
    if (value === undefined) {
      throw new TemplateRunError(
        `unable to retrieve inputs.parameters.${input.name} from ConfigMap: ${'missing' in found ? found.missing : ''}`,
      );
    }
    param.value = value;
  } else if (param.value === undefined) {
    throw new TemplateRunError(`inputs.parameters.${input.name} was not supplied`);
  }
  return param;
}

function bindArtifact(input: Artifact, args: Arguments): Artifact {
  const arg = args.artifacts?.find((a) => a.name === input.name);
  if (input.optional !== true && !hasLocation(input)) {
    if (arg === undefined) throw new TemplateRunError(`inputs.artifacts.${input.name} was not supplied`);
    if (arg.from === undefined && arg.fromExpression === undefined && !hasLocation(arg)) {
      throw new TemplateRunError(`inputs.artifacts.${input.name} missing location information`);
    }
  }
  if (arg === undefined) return input;
  const bound: Artifact = { ...arg };
  if (input.path !== undefined) bound.path = input.path;
  else delete bound.path;
  if (input.mode !== undefined) bound.mode = input.mode;
  if (input.recurseMode !== undefined) bound.recurseMode = input.recurseMode;
  return bound;
}

/** `inputs.*` of a template; the `inputs.parameters` JSON list is only built when something reads it. */
class InputVariables implements Variables {
  private json: string | undefined;

  constructor(
    private readonly map: Readonly<Record<string, string>>,
    private readonly params: readonly Parameter[],
  ) {}

  private all(): string {
    this.json ??= goJsonOrdered(this.params.map(parameterJson));
    return this.json;
  }

  get(key: string): VarValue {
    if (key === 'inputs.parameters') return this.all();
    return Object.hasOwn(this.map, key) ? this.map[key] : undefined;
  }

  collect(path: readonly string[], into: Record<string, unknown>): void {
    collectFromMap(this.map, path, into);
    if (path[0] === 'inputs' && (path.length === 1 || path[1] === 'parameters'))
      into['inputs.parameters'] = this.all();
  }
}

/** Bind arguments to inputs and substitute (ProcessArgs). Throws TemplateRunError with Argo's messages. */
export function processArgs(
  template: Template,
  args: Arguments,
  globals: Variables,
  locals: Readonly<Record<string, string>>,
  context: EvalContext,
  configMaps: ConfigMapData = {},
): Template {
  let bound = template;
  if (template.inputs !== undefined) {
    const inputs = { ...template.inputs };
    if (inputs.parameters !== undefined)
      inputs.parameters = inputs.parameters.map((p) => bindParameter(p, args, configMaps));
    if (inputs.artifacts !== undefined) inputs.artifacts = inputs.artifacts.map((a) => bindArtifact(a, args));
    bound = { ...template, inputs };
  }
  return substituteParams(bound, globals, locals, context);
}

/** Substitute globals and locals, then inputs and declared paths, through the template (SubstituteParams). */
export function substituteParams(
  template: Template,
  globals: Variables,
  locals: Readonly<Record<string, string>>,
  context: EvalContext,
): Template {
  const first = substituteDeep(
    template,
    new LayeredVariables(new MapVariables(locals), globals),
    LENIENT,
    context,
  );
  const inputs: Record<string, string> = {};
  for (const param of first.inputs?.parameters ?? []) {
    if (param.value === undefined && param.valueFrom === undefined) {
      throw new TemplateRunError(`inputs.parameters.${param.name} had no value`);
    }
    if (param.value !== undefined) inputs[`inputs.parameters.${param.name}`] = param.value;
  }
  for (const art of first.inputs?.artifacts ?? []) {
    if (art.path !== undefined && art.path !== '') inputs[`inputs.artifacts.${art.name}.path`] = art.path;
  }
  for (const art of first.outputs?.artifacts ?? []) {
    if (art.path !== undefined && art.path !== '') inputs[`outputs.artifacts.${art.name}.path`] = art.path;
  }
  for (const param of first.outputs?.parameters ?? []) {
    const path = param.valueFrom?.path;
    if (path !== undefined && path !== '') inputs[`outputs.parameters.${param.name}.path`] = path;
  }
  const second = substituteDeep(
    first,
    new LayeredVariables(
      new InputVariables(inputs, first.inputs?.parameters ?? []),
      new MapVariables(locals),
      globals,
    ),
    LENIENT,
    context,
  );
  for (const param of second.inputs?.parameters ?? []) {
    if (param.enum !== undefined && param.enum.length > 0 && !param.enum.includes(param.value ?? '')) {
      throw new TemplateRunError(
        `inputs.parameters.${param.name}.value should be present in inputs.parameters.${param.name}.enum list`,
      );
    }
  }
  return second;
}
