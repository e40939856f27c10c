export { LogBuffer } from './log-buffer';
export { WorkflowRunner, type WorkflowRunnerOptions } from './workflow-runner';
