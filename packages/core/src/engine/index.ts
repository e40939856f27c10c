/**
 * The engine: a pure state machine that runs an Argo Workflow as events arrive (`createWorkflowState`, then
 * `step` per event), emitting actions (run a pod, kill it, start a timer) and keeping Argo's `status` shape.
 */
export * from './contract';
export { type CreateWorkflowInput, createWorkflowState, restartWorkflowState } from './create-state';
export { EngineEventError, TemplateRunError, WorkflowInputError } from './errors';
export { fnv32a, nodeIdOf, podNameOf } from './ids';
export type {
  EngineState,
  NodeInputsStatus,
  NodeOutputsStatus,
  NodeStatus,
  NodeType,
  WorkflowMeta,
  WorkflowStatusJson,
} from './model';
export { type StepResult, step, stepInPlace } from './step';
