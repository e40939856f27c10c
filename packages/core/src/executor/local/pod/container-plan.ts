import type { Container, Template, UserContainer, VolumeMount } from '../../../spec/model';
import { PodSpecError, UnsupportedTemplateError } from '../errors';

/** One container of a pod, as the local executor runs it. */
export interface PlannedContainer {
  readonly name: string;
  readonly role: 'init' | 'sidecar' | 'main';
  readonly container: Container;
  /** A script template's source, written to the script file. */
  readonly script?: string;
  /** Volume mounts besides the container's own (a containerSet's shared ones, mirrored ones). */
  readonly extraMounts: readonly VolumeMount[];
  /** Containers of a containerSet that must succeed first. */
  readonly dependencies: readonly string[];
  /** Input artifacts are placed in main containers only, as in Argo. */
  readonly getsInputs: boolean;
}

/** The containers of a pod: init containers in order, sidecars, and the main container(s). */
export interface PodPlan {
  readonly init: readonly PlannedContainer[];
  readonly sidecars: readonly PlannedContainer[];
  /** One container, or a containerSet's containers in an order that respects their dependencies. */
  readonly main: readonly PlannedContainer[];
  /** The container whose stdout is the result and whose files hold the outputs. */
  readonly outputs: string;
}

/** Orders a containerSet so that every container comes after its dependencies; rejects unknown names and cycles. */
function dependencyOrder(containers: readonly PlannedContainer[]): PlannedContainer[] {
  const byName = new Map(containers.map((c) => [c.name, c]));
  const ordered: PlannedContainer[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: PlannedContainer, path: string[]) => {
    if (state.get(c.name) === 'done') return;
    if (state.get(c.name) === 'visiting') {
      throw new PodSpecError(`containerSet dependencies form a cycle: ${[...path, c.name].join(' → ')}`);
    }
    state.set(c.name, 'visiting');
    for (const dep of c.dependencies) {
      const target = byName.get(dep);
      if (!target)
        throw new PodSpecError(
          `containerSet container \`${c.name}\` depends on unknown container \`${dep}\``,
        );
      visit(target, [...path, c.name]);
    }
    state.set(c.name, 'done');
    ordered.push(c);
  };
  for (const c of containers) visit(c, []);
  return ordered;
}

/** What a template runs as a pod, or a clear error for templates that are not pods or not supported. */
export function planPod(template: Template): PodPlan {
  const primary = template.container ?? template.script;
  const mainMounts = primary?.volumeMounts ?? [];
  const side =
    (role: 'init' | 'sidecar') =>
    (c: UserContainer): PlannedContainer => ({
      name: c.name ?? role,
      role,
      container: c,
      extraMounts: c.mirrorVolumeMounts ? mainMounts : [],
      dependencies: [],
      getsInputs: false,
    });
  const init = (template.initContainers ?? []).map(side('init'));
  const sidecars = (template.sidecars ?? []).map(side('sidecar'));
  if (primary) {
    const main: PlannedContainer = {
      name: 'main',
      role: 'main',
      container: primary,
      // Without a source, Argo runs a script's container as it is, with no script file argument.
      ...(template.script?.source ? { script: template.script.source } : {}),
      extraMounts: [],
      dependencies: [],
      getsInputs: true,
    };
    return { init, sidecars, main: [main], outputs: 'main' };
  }
  if (template.containerSet) {
    const set = template.containerSet;
    const containers = set.containers.map(
      (c): PlannedContainer => ({
        name: c.name ?? 'main',
        role: 'main',
        container: c,
        extraMounts: set.volumeMounts ?? [],
        dependencies: c.dependencies ?? [],
        getsInputs: true,
      }),
    );
    if (containers.length === 0) throw new PodSpecError('the containerSet has no containers');
    const names = containers.map((c) => c.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice)
      throw new PodSpecError(
        `the containerSet has two containers named \`${twice}\`; give each a unique name`,
      );
    const ordered = dependencyOrder(containers);
    const outputs = containers.some((c) => c.name === 'main') ? 'main' : ordered.at(-1)!.name;
    return { init, sidecars, main: ordered, outputs };
  }
  if (template.data)
    throw new UnsupportedTemplateError('data', 'run the transformation in a script template instead');
  if (template.resource) {
    throw new UnsupportedTemplateError(
      'resource',
      'they need a Kubernetes cluster; use the Kubernetes executor',
    );
  }
  if (template.plugin) throw new UnsupportedTemplateError('plugin', 'executor plugins need the Argo agent');
  throw new PodSpecError(
    `template \`${template.name ?? ''}\` is not a pod template (container, script, containerSet, http)`,
  );
}
