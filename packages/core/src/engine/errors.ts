import { SlipwayError } from '../errors';

/** The workflow given to `createWorkflowState` cannot be run (no entrypoint, unknown workflowTemplateRef…). */
export class WorkflowInputError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_ENGINE_INPUT', message);
  }
}

/** An event the engine cannot apply in the workflow's current state (e.g. resuming without a required value). */
export class EngineEventError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_ENGINE_EVENT', message);
  }
}

/** A failure while running a template, reported as the message of an Error node (never thrown to callers). */
export class TemplateRunError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_ENGINE_TEMPLATE', message);
  }
}
