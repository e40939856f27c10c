// The dependency graph of a DAG template, built once when the DAG starts: each task's dependencies and
// dependants, the target tasks (dag.target, else the leaves) and the tasks that must run to reach them.
import { dependenciesToDepends, dependsTasks, parseDependsCached } from '../expr/depends';
import type { DAGTask, DAGTemplate } from '../spec/model';
import { TemplateRunError } from './errors';
import type { TaskExec } from './model';

/** The `depends` expression of a task (`dependencies` joined with `&&`), or '' when it has none. */
export function dependsOf(task: DAGTask): string {
  if (task.depends !== undefined && task.depends !== '') return task.depends;
  return dependenciesToDepends(task.dependencies ?? []);
}

function dependencyNames(task: DAGTask): string[] {
  const depends = dependsOf(task);
  if (depends === '') return [];
  let names: string[];
  try {
    names = dependsTasks(parseDependsCached(depends)).map((ref) => ref.name);
  } catch {
    // Decided (as an error) when the task's turn comes; until then, fall back to the names it mentions.
    names = depends.match(/[a-zA-Z0-9][-a-zA-Z0-9]*/gu) ?? [];
  }
  return [...new Set(names)];
}

/** The graph of a DAG: task records, declaration order and targets. */
export interface DagGraph {
  readonly tasks: Record<string, TaskExec>;
  /** Position of each task in `dag.tasks` (the first, when a name repeats). */
  readonly index: Record<string, number>;
  readonly order: string[];
  readonly targets: string[];
}

/** Build the graph; throws TemplateRunError for unknown tasks in `depends` or `target`. */
export function buildDagGraph(dag: DAGTemplate): DagGraph {
  const tasks: Record<string, TaskExec> = {};
  const index: Record<string, number> = {};
  const order: string[] = [];
  for (const [position, task] of dag.tasks.entries()) {
    if (Object.hasOwn(tasks, task.name)) continue;
    index[task.name] = position;
    order.push(task.name);
    tasks[task.name] = {
      deps: [],
      dependants: [],
      waiting: 0,
      state: 'waiting',
      open: {},
      relevant: false,
    };
  }
  for (const task of dag.tasks) {
    const record = tasks[task.name] as TaskExec;
    if (record.deps.length > 0) continue;
    for (const dep of dependencyNames(task)) {
      const other = tasks[dep];
      if (other === undefined)
        throw new TemplateRunError(`task '${task.name}' depends on unknown task '${dep}'`);
      record.deps.push(dep);
      other.dependants.push(task.name);
    }
  }
  let targets: string[];
  if (dag.target !== undefined && dag.target !== '') {
    targets = dag.target.split(' ').filter((t) => t !== '');
    for (const target of targets) {
      if (!Object.hasOwn(tasks, target))
        throw new TemplateRunError(`target '${target}' is not a task of the DAG`);
    }
  } else {
    targets = order.filter((name) => tasks[name]?.dependants.length === 0);
    targets.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
  for (const target of targets) (tasks[target] as TaskExec).target = true;
  const stack = [...targets];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    const record = tasks[name] as TaskExec;
    if (record.relevant) continue;
    record.relevant = true;
    stack.push(...record.deps);
  }
  for (const name of order) {
    const record = tasks[name] as TaskExec;
    if (record.relevant) record.waiting = record.deps.length;
  }
  return { tasks, index, order, targets };
}
