/** A command line that cannot be carried out as given; `slipway` exits 2. */
export class UsageError extends Error {
  readonly code = 'SLIPWAY_CLI_USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
