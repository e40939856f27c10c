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

/** An error about a span of an expression's text: where it starts and how long it is (UTF-16 code units). */
export class SpanError extends SlipwayError {
  constructor(
    code: string,
    message: string,
    /** Offset into the expression where the problem starts. */
    readonly offset: number,
    /** Length of the offending text; 0 when the problem is the end of the expression. */
    readonly length: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
