// The variables a Steps or DAG template's body sees (Argo's wfScope): its inputs, `steps.*` / `tasks.*` of the
// finished steps or tasks, and the status of the ones running now (for hook expressions).
import type { Template } from '../spec/model';
import type { Ctx } from './context';
import { type NodeRef, nodeRefArtifact, nodeRefVariables } from './node-refs';
import { collectFromMap, type Variables, type VarValue } from './variables';

/** Finds the node behind a step or task name (undefined while it has not finished). */
export type RefLookup = (name: string) => NodeRef | undefined;

/** The `inputs.parameters.*` of a processed template, as flat variables. */
function inputVariables(template: Template): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of template.inputs?.parameters ?? []) {
    if (param.value !== undefined) out[`inputs.parameters.${param.name}`] = param.value;
  }
  return out;
}

/** Variables of a Steps (`steps`) or DAG (`tasks`) scope. */
export class ScopeVariables implements Variables {
  private readonly cache = new Map<string, Record<string, string | null>>();
  private readonly inputs: Record<string, string>;

  constructor(
    private readonly ctx: Ctx,
    private readonly prefix: 'steps' | 'tasks',
    private readonly lookup: RefLookup,
    private readonly names: () => readonly string[],
    template: Template,
    private readonly statuses: Readonly<Record<string, string>> = {},
  ) {
    this.inputs = inputVariables(template);
  }

  private refMap(name: string): Record<string, string | null> {
    let map = this.cache.get(name);
    if (map === undefined) {
      const ref = this.lookup(name);
      map = ref === undefined ? {} : nodeRefVariables(this.ctx, this.prefix, name, ref);
      const status = this.statuses[name];
      if (status !== undefined) map[`${this.prefix}.${name}.status`] = status;
      this.cache.set(name, map);
    }
    return map;
  }

  get(key: string): VarValue {
    if (key.startsWith(`${this.prefix}.`)) {
      const name = key.slice(this.prefix.length + 1).split('.')[0] ?? '';
      const map = this.refMap(name);
      return Object.hasOwn(map, key) ? map[key] : undefined;
    }
    return Object.hasOwn(this.inputs, key) ? this.inputs[key] : undefined;
  }

  collect(path: readonly string[], into: Record<string, unknown>): void {
    if (path[0] === this.prefix) {
      const names = path.length > 1 ? [path[1] as string] : [...this.names(), ...Object.keys(this.statuses)];
      for (const name of names) collectFromMap(this.refMap(name), path, into);
    } else if (path[0] === 'inputs') {
      collectFromMap(this.inputs, path, into);
    }
  }

  /** The artifact behind `<prefix>.<name>.outputs.artifacts.<a>`, if the step or task produced it. */
  artifact(key: string): Record<string, unknown> | undefined {
    const match = new RegExp(`^${this.prefix}\\.([^.]+)\\.outputs\\.artifacts\\.(.+)$`, 'u').exec(key);
    if (match === null) return undefined;
    const ref = this.lookup(match[1] as string);
    return ref === undefined ? undefined : nodeRefArtifact(this.ctx, ref, match[2] as string);
  }
}
