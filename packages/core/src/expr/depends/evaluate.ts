import type { DependsNode, DependsTask } from './ast';
import { bareTaskAccepts, isTaskFulfilled, type TaskOutcome, taskResultFlags } from './outcome';
import { dependsTasks } from './tasks';

/** Looks up what is known about a depended-on task; undefined means no node exists for it yet. */
export type TaskLookup = (task: string) => TaskOutcome | undefined;

/**
 * What dag.go decides for a task with this `depends`: wait while any referenced task is unfulfilled, then
 * run if the expression is true, otherwise mark the task Omitted.
 */
export type DependsDecision =
  | { readonly status: 'wait'; readonly waitingOn: readonly string[] }
  | { readonly status: 'run' }
  | { readonly status: 'omit' };

/** Three-valued prediction: 'run'/'omit' once the outcome can no longer change, else 'undecided'. */
export type DependsOutlook = 'run' | 'omit' | 'undecided';

function operandValue(node: DependsTask, outcome: TaskOutcome): boolean {
  const flags = taskResultFlags(outcome);
  return node.result === undefined ? bareTaskAccepts(outcome, flags) : flags[node.result];
}

// Kleene logic: undefined is "not known yet"; an unfulfilled task's operands are all unknown.
function evaluate(node: DependsNode, lookup: TaskLookup): boolean | undefined {
  switch (node.type) {
    case 'task': {
      const outcome = lookup(node.name);
      return outcome !== undefined && isTaskFulfilled(outcome) ? operandValue(node, outcome) : undefined;
    }
    case 'group':
      return evaluate(node.expression, lookup);
    case 'not': {
      const value = evaluate(node.operand, lookup);
      return value === undefined ? undefined : !value;
    }
    case 'and':
    case 'or': {
      const decisive = node.type === 'or';
      let unknown = false;
      for (const operand of node.operands) {
        const value = evaluate(operand, lookup);
        if (value === decisive) return decisive;
        if (value === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
  }
}

/**
 * Decides a task's `depends` exactly as dag.go's evaluateDependsLogic does: every referenced task must be
 * fulfilled first (Argo never decides early), then the expression picks run or omit.
 */
export function evaluateDepends(ast: DependsNode, lookup: TaskLookup): DependsDecision {
  const waitingOn: string[] = [];
  for (const { name } of dependsTasks(ast)) {
    if (!waitingOn.includes(name) && !isTaskFulfilled(lookup(name))) waitingOn.push(name);
  }
  if (waitingOn.length > 0) return { status: 'wait', waitingOn };
  return evaluate(ast, lookup) === true ? { status: 'run' } : { status: 'omit' };
}

/**
 * Whether the expression is already settled by the fulfilled tasks alone, whatever the others end with.
 * Argo has no such notion (it always waits for every dependency); this is for previews and tooling.
 */
export function dependsOutlook(ast: DependsNode, lookup: TaskLookup): DependsOutlook {
  const value = evaluate(ast, lookup);
  if (value === undefined) return 'undecided';
  return value ? 'run' : 'omit';
}
