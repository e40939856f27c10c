// `when` conditions as Argo evaluates them: govaluate, after Argo rewrites every bare word into a string.
// So `heads == heads` is true, `my-value` is a subtraction of two strings (an error), `v1.2.3` is a
// parameter field access (an error), numbers never equal strings, and the result must be a boolean.
// Malformed input that govaluate silently truncates (`(a) b`, `(a &&)`, `()`) is rejected here.

export type {
  WhenAccessor,
  WhenBinary,
  WhenBinaryOperator,
  WhenBoolean,
  WhenGroup,
  WhenList,
  WhenNode,
  WhenNumber,
  WhenSpan,
  WhenString,
  WhenTime,
  WhenUnary,
  WhenWord,
} from './ast';
export { WhenEvalError, WhenSyntaxError } from './errors';
export { evaluateWhen, evaluateWhenNode } from './evaluate';
export { tokenizeWhen } from './lexer';
export { MAX_WHEN_DEPTH, MAX_WHEN_NESTING, type ParseWhenOptions, parseWhen } from './parser';
export { checkWhenTemplate, type WhenTemplateCheck, type WhenTemplateTag } from './template';
export type { WhenToken, WhenTokenKind } from './tokens';
export { describeWhenValue, formatWhenValue, GoPattern, type WhenValue, whenValuesEqual } from './values';
