import type { DAGTask } from '../spec/model/template';
import { dependenciesOf } from './task-dependencies';

/** The dependency graph of a DAG: direct dependencies and all ancestors of each task. */
export interface DagGraph {
  readonly tasks: ReadonlyMap<string, DAGTask>;
  readonly direct: ReadonlyMap<string, readonly string[]>;
  /** Every task that must finish before the key runs (transitively); tasks in a cycle include themselves. */
  ancestors(name: string): ReadonlySet<string>;
  /** Cycles found, each as the list of task names around it. */
  readonly cycles: readonly string[][];
}

/** Builds the graph of a DAG from `depends`/`dependencies`, ignoring names that are not tasks. */
export function buildDagGraph(tasks: readonly DAGTask[]): DagGraph {
  const byName = new Map(tasks.map((task) => [task.name, task]));
  const direct = new Map<string, string[]>();
  for (const task of tasks) {
    direct.set(
      task.name,
      dependenciesOf(task).filter((name) => byName.has(name)),
    );
  }
  const memo = new Map<string, Set<string>>();
  const ancestors = (name: string): Set<string> => {
    const cached = memo.get(name);
    if (cached) return cached;
    // Iterative walk so that 10,000-task chains do not overflow the stack.
    const seen = new Set<string>();
    const stack = [...(direct.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const known = memo.get(next);
      if (known) {
        for (const a of known) seen.add(a);
        continue;
      }
      stack.push(...(direct.get(next) ?? []));
    }
    memo.set(name, seen);
    return seen;
  };
  return { tasks: byName, direct, ancestors, cycles: findCycles(direct) };
}

function findCycles(direct: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'active' | 'done'>();
  const cycles: string[][] = [];
  for (const start of direct.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, 'active');
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = direct.get(frame.name) ?? [];
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        const depState = state.get(dep);
        if (depState === 'active') {
          cycles.push([...path.slice(path.indexOf(dep)), dep]);
        } else if (depState === undefined) {
          state.set(dep, 'active');
          path.push(dep);
          stack.push({ name: dep, next: 0 });
        }
      } else {
        state.set(frame.name, 'done');
        path.pop();
        stack.pop();
      }
    }
  }
  return cycles;
}
