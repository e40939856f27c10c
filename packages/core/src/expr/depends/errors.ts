import { SlipwayError } from '../../errors';

/** A `depends` expression Argo would reject; offsets are UTF-16 code units into the expression. */
export class DependsSyntaxError extends SlipwayError {
  /** Offset into the expression where the problem starts. */
  readonly offset: number;
  /** Length of the offending text; 0 when the problem is the end of the expression. */
  readonly length: number;

  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_DEPENDS_SYNTAX', message);
    this.offset = offset;
    this.length = length;
  }
}
