/** Base class of every error Slipway raises on purpose: a stable `code` and a message that says what to do. */
export class SlipwayError extends Error {
  /** Stable machine-readable identifier, e.g. `SLIPWAY_EXPR_SYNTAX`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
