import { SlipwayError } from '../../errors';

/** A `when` expression govaluate (as Argo drives it) would refuse to parse; offsets are UTF-16 code units. */
export class WhenSyntaxError extends SlipwayError {
  /** Offset into the expression where the problem starts. */
  readonly offset: number;
  /** Length of the offending text; 0 when the problem is the end of the expression. */
  readonly length: number;

  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_WHEN_SYNTAX', message);
    this.offset = offset;
    this.length = length;
  }
}

/** A `when` expression that parsed but fails while evaluating, including a result that is not a boolean. */
export class WhenEvalError extends SlipwayError {
  /** Offset of the node whose evaluation failed. */
  readonly offset: number;
  /** Length of that node's source text. */
  readonly length: number;

  constructor(message: string, offset: number, length: number, options?: { cause?: unknown }) {
    super('SLIPWAY_WHEN_EVAL', message, options);
    this.offset = offset;
    this.length = length;
  }
}
