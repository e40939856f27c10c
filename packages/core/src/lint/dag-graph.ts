import type { DAGTask } from '../spec/model/template';
import { dependenciesOf } from './task-dependencies';

/** The dependency graph of a DAG: direct dependencies, ancestry questions and cycles. */
export interface DagGraph {
  readonly tasks: ReadonlyMap<string, DAGTask>;
  readonly direct: ReadonlyMap<string, readonly string[]>;
  /** Whether `candidate` must finish before `task` runs, directly or through other tasks. */
  isAncestor(task: string, candidate: string): boolean;
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
  // A search per question, stopping at the first hit: references usually name a direct dependency, and
  // precomputing every ancestor set would cost O(n²) on long chains.
  const isAncestor = (task: string, candidate: string): boolean => {
    const first = direct.get(task) ?? [];
    if (first.includes(candidate)) return true;
    // Breadth first, so that near ancestors are found before a long chain is walked to its root.
    const seen = new Set<string>(first);
    const queue = [...first];
    for (let head = 0; head < queue.length; head++) {
      for (const dep of direct.get(queue[head]!) ?? []) {
        if (dep === candidate) return true;
        if (!seen.has(dep)) {
          seen.add(dep);
          queue.push(dep);
        }
      }
    }
    return false;
  };
  return { tasks: byName, direct, isAncestor, cycles: findCycles(direct) };
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
