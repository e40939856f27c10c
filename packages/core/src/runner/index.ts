export { RetrySelectorError, WorkflowStateError } from './errors';
export { LogBuffer } from './log-buffer';
export { planRetry, type RetryOptions, type RetryPlan } from './retry-plan';
export {
  FINISHED_PHASES,
  type ResumeOptions,
  type RunnerObserver,
  WorkflowRunner,
  type WorkflowRunnerOptions,
} from './workflow-runner';
