// Lookups shared by the DAG controller and its task decisions: the DAG record, task definitions, the variables
// task fields see, and where hooks go.
import type { DAGTask } from '../spec/model';
import type { Ctx } from './context';
import { globalsOf } from './execute';
import type { HookSite } from './hooks';
import type { DagExec, TaskExec } from './model';
import { ScopeVariables } from './scope-vars';
import { LayeredVariables, type Variables } from './variables';

/** The DAG record of a DAG node (an engine bug when missing). */
export function dagExec(ctx: Ctx, id: string): DagExec {
  const exec = ctx.exec(id).dag;
  if (exec === undefined) throw new Error(`engine bug: ${id} is not a DAG node`);
  return exec;
}

/** The record of one task of the DAG. */
export function taskOf(exec: DagExec, name: string): TaskExec {
  const task = exec.tasks[name];
  if (task === undefined) throw new Error(`engine bug: unknown task ${name}`);
  return task;
}

/** The task as written in the template, if there is one by that name. */
export function lookupDefinition(exec: DagExec, name: string): DAGTask | undefined {
  const index = exec.index[name];
  return index === undefined ? undefined : exec.template.dag?.tasks[index];
}

/** The task as written in the template (an engine bug when missing). */
export function definition(exec: DagExec, name: string): DAGTask {
  const found = lookupDefinition(exec, name);
  if (found === undefined) throw new Error(`engine bug: unknown task ${name}`);
  return found;
}

/** `tasks.*` of the settled tasks and the inputs of the DAG template. */
export function scopeOf(ctx: Ctx, id: string): ScopeVariables {
  const exec = dagExec(ctx, id);
  return new ScopeVariables(
    ctx,
    'tasks',
    (name) => {
      const task = exec.tasks[name];
      if (task?.state !== 'settled' || task.node === undefined) return undefined;
      const def = lookupDefinition(exec, name);
      return {
        node: task.node,
        ...(task.loop?.aggregate === undefined ? {} : { aggregate: task.loop.aggregate }),
        ...(def === undefined ? {} : { holder: def, scope: exec.scope }),
      };
    },
    () => exec.order.filter((name) => exec.tasks[name]?.state === 'settled'),
    exec.template,
    exec.statuses,
  );
}

/** The DAG scope over the workflow globals, as task fields see them. */
export function varsOf(ctx: Ctx, id: string): { scope: ScopeVariables; vars: Variables } {
  const scope = scopeOf(ctx, id);
  return { scope, vars: new LayeredVariables(scope, globalsOf(ctx)) };
}

/** Where the hooks and exit handlers of a task go. */
export function site(ctx: Ctx, id: string, name: string): HookSite {
  const { scope, vars } = varsOf(ctx, id);
  const exec = dagExec(ctx, id);
  return {
    controller: id,
    boundaryId: id,
    scope: exec.scope,
    prefix: 'tasks',
    name,
    vars,
    artifacts: { vars, template: exec.template, artifact: (key) => scope.artifact(key) },
  };
}

/** The node name of a task (`<dag node>.<task>`). */
export function taskNodeName(ctx: Ctx, id: string, name: string): string {
  return `${ctx.node(id).name}.${name}`;
}

/** Whether stop/terminate forbids starting tasks in this DAG (exit handlers still run on stop). */
export function shutdownBlocks(ctx: Ctx, exec: DagExec): boolean {
  const shutdown = ctx.state.run.shutdown;
  return shutdown === 'Terminate' || (shutdown === 'Stop' && !exec.onExit);
}
