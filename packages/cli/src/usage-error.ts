import { SlipwayError } from '@slipway/core';

/** A command line that cannot be carried out as given; `slipway` exits 2. */
export class UsageError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_CLI_USAGE', message);
  }
}
