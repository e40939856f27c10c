// Errors of the conformance runner.

/** A command-line problem of `npm run conformance`, said so that the user can fix it. */
export class ConformanceUsageError extends Error {
  readonly code = 'SLIPWAY_CONFORMANCE_USAGE';
  override readonly name = 'ConformanceUsageError';
}
