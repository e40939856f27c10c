import { SlipwayError } from '../errors';

/** `--node-field-selector` of a retry does not parse. */
export class RetrySelectorError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_RUN_RETRY_SELECTOR', message);
  }
}

/** A control request names a workflow in a state where it cannot apply. */
export class WorkflowStateError extends SlipwayError {
  constructor(
    readonly workflow: string,
    message: string,
  ) {
    super('SLIPWAY_RUN_WORKFLOW_STATE', message);
  }
}
