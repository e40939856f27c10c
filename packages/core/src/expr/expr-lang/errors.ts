import { SlipwayError } from '../../errors';

/** An expression that expr-lang would refuse to compile: bad token, missing bracket, nesting too deep. */
export class ExprSyntaxError extends SlipwayError {
  /** Offset into the expression source where the problem is. */
  readonly offset: number;
  /** Length of the offending text (at least 1, except at the end of the source). */
  readonly length: number;

  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_EXPR_SYNTAX', message);
    this.offset = offset;
    this.length = length;
  }
}

/** An expression that parsed but failed while running: unknown name, wrong operand type, bad index. */
export class ExprEvalError extends SlipwayError {
  /** Offset into the expression source of the node that failed. */
  readonly offset: number;
  /** Length of that node's source text. */
  readonly length: number;

  constructor(message: string, offset: number, length: number, options?: { cause?: unknown }) {
    super('SLIPWAY_EXPR_EVAL', message, options);
    this.offset = offset;
    this.length = length;
  }
}

/** 1-based column of an offset, for messages written for people. */
export function column(offset: number): number {
  return offset + 1;
}
