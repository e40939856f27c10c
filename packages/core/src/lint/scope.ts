import type { Template } from '../spec/model/template';

/** A step or task whose outputs a reference may read. */
export interface NodeRef {
  /** The template it runs; undefined when that cannot be known before running (templateRef not given). */
  readonly template?: Template;
  readonly loop: boolean;
}

/** Names of the workflow a reference may use: declared parameters, global outputs, labels. */
export interface Globals {
  readonly params: ReadonlySet<string>;
  /** WorkflowTemplates get `workflow.parameters` from the workflow that runs them: unknown ones only warn. */
  readonly paramsFromCaller: boolean;
  readonly outputParams: ReadonlySet<string>;
  readonly outputArtifacts: ReadonlySet<string>;
  /** A globalName is itself templated, so any global output name may exist at run time. */
  readonly anyGlobalOutput: boolean;
  readonly labels: ReadonlySet<string>;
  readonly annotations: ReadonlySet<string>;
  readonly cron: boolean;
}

/** Which `steps.X` or `tasks.X` are visible at a place, and why the others are not. */
export interface NodeScope {
  readonly prefix: 'steps' | 'tasks';
  /** Whether a known node's outputs may be read here (an earlier step group, an ancestor task). */
  readonly isVisible: (name: string) => boolean;
  readonly all: ReadonlyMap<string, NodeRef>;
  /** Why a known node is not visible here ("runs in the same step group", "is not a dependency"). */
  readonly whyHidden: (name: string) => string;
}

/** Everything a `{{…}}` reference may name at one place of a manifest. */
export interface Scope {
  readonly globals: Globals;
  /** The template whose fields are being checked (its inputs, outputs, pod); undefined at workflow level. */
  readonly template?: Template;
  /** Inside a loop: `item` exists; `itemKeys` lists the keys of map items when known. */
  readonly loop?: { readonly itemKeys?: ReadonlySet<string> };
  readonly nodes?: NodeScope;
}
