// DAG `depends` expressions as dag.go evaluates them: a task waits until every referenced task is
// fulfilled, then runs if the expression is true and is Omitted otherwise. A bare name means
// Succeeded || Skipped || Daemoned, widened by the referenced task's continueOn.

export type { DependsChain, DependsGroup, DependsNode, DependsNot, DependsSpan, DependsTask } from './ast';
export { DependsSyntaxError } from './errors';
export {
  type DependsDecision,
  type DependsOutlook,
  dependsOutlook,
  evaluateDepends,
  type TaskLookup,
} from './evaluate';
export { type DependsToken, tokenizeDepends } from './lexer';
export {
  bareTaskAccepts,
  isTaskFulfilled,
  type NodePhase,
  type TaskOutcome,
  type TaskResultFlags,
  taskResultFlags,
} from './outcome';
export { parseDependsCached } from './parse-cached';
export { MAX_DEPENDS_NESTING, parseDepends } from './parser';
export {
  AGGREGATE_RESULTS,
  isTaskResult,
  suggestTaskResult,
  TASK_RESULTS,
  type TaskResult,
} from './results';
export { type DependsTaskReference, dependenciesToDepends, dependsTasks } from './tasks';
