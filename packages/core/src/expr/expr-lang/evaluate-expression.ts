import { type EvalOptions, evaluate } from './evaluate';
import { parseExpression } from './parser';

/** Parse and evaluate an expression in one step; throws `ExprSyntaxError` or `ExprEvalError`. */
export function evaluateExpression(
  source: string,
  env: Record<string, unknown>,
  options: EvalOptions = {},
): unknown {
  return evaluate(parseExpression(source), env, options);
}
