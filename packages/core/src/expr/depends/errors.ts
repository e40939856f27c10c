import { SpanError } from '../../errors';

/** A `depends` expression Argo would reject. */
export class DependsSyntaxError extends SpanError {
  constructor(message: string, offset: number, length: number) {
    super('SLIPWAY_DEPENDS_SYNTAX', message, offset, length);
  }
}
