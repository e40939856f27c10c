// Adapts the expression parser to what lint needs: variable paths, hyphen traps and syntax errors with offsets.
import {
  ExprSyntaxError,
  type HyphenHint,
  hyphenatedNameHints,
  parseExpression,
  referencedVariables,
} from '../expr/expr-lang';

/** A variable an expression reads, located in the expression text. */
export interface ExpressionVariable {
  readonly path: readonly string[];
  readonly offset: number;
  readonly length: number;
}

/** The variables of an `{{= … }}` expression and its hyphen traps, or its syntax error. */
export type ExpressionAnalysis =
  | {
      readonly ok: true;
      readonly variables: readonly ExpressionVariable[];
      readonly hyphens: readonly HyphenHint[];
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly code: string;
      readonly offset: number;
      readonly length: number;
    };

/** Parses an expression tag's inner text and lists the variables it reads. */
export function analyseExpression(text: string): ExpressionAnalysis {
  try {
    const ast = parseExpression(text);
    return { ok: true, variables: referencedVariables(ast), hyphens: hyphenatedNameHints(ast, text) };
  } catch (error) {
    if (error instanceof ExprSyntaxError) {
      return {
        ok: false,
        message: error.message,
        code: error.code,
        offset: error.offset,
        length: error.length,
      };
    }
    throw error;
  }
}
