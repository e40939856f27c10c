import { SpanError } from '../../errors';

/** A `when` expression govaluate (as Argo drives it) would refuse to parse. */
export class WhenSyntaxError extends SpanError {
  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_WHEN_SYNTAX', message, offset, length);
  }
}

/** A `when` expression that parsed but fails while evaluating, including a result that is not a boolean. */
export class WhenEvalError extends SpanError {
  constructor(message: string, offset: number, length: number, options?: { cause?: unknown }) {
    super('SLIPWAY_WHEN_EVAL', message, offset, length, options);
  }
}
