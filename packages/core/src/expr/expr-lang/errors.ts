import { SpanError } from '../../errors';

/** An expression that expr-lang would refuse to compile: bad token, missing bracket, nesting too deep. */
export class ExprSyntaxError extends SpanError {
  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_EXPR_SYNTAX', message, offset, length);
  }
}

/** An expression that parsed but failed while running: unknown name, wrong operand type, bad index. */
export class ExprEvalError extends SpanError {
  constructor(message: string, offset: number, length: number, options?: { cause?: unknown }) {
    super('SLIPWAY_EXPR_EVAL', message, offset, length, options);
  }
}

/** 1-based column of an offset, for messages written for people. */
export function column(offset: number): number {
  return offset + 1;
}
