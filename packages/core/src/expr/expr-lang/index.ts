/**
 * The expr-lang dialect Argo evaluates inside `{{=…}}`: lexer, parser with source offsets, evaluator with Go
 * value semantics, and the analyses the linter needs (variables read, hyphenated-name hints).
 */
export type {
  ArrayNode,
  BinaryNode,
  BoolNode,
  BuiltinNode,
  CallNode,
  ConditionalNode,
  ExprNode,
  FloatNode,
  IdentifierNode,
  IntegerNode,
  LetNode,
  MapEntry,
  MapNode,
  MemberNode,
  NilNode,
  PointerNode,
  PredicateNode,
  SequenceNode,
  SliceNode,
  StringNode,
  UnaryNode,
} from './ast';
export { childNodes } from './ast';
export {
  ARGO_FUNCTION_NAMES,
  BUILTIN_NAMES,
  PREDICATE_BUILTINS,
  type PredicateArgSpec,
} from './builtin-names';
export { ExprEvalError, ExprSyntaxError } from './errors';
export { type EvalOptions, evaluate, evaluateRaw } from './evaluate';
export { evaluateExpression } from './evaluate-expression';
export { expandEnv } from './expand-env';
export { formatTagResult } from './format-result';
export { formatValue, GoJsonError, goJson } from './go-format';
export { type HyphenHint, hyphenatedNameHints } from './hyphen-hint';
export { JsonPathError, queryJsonPath } from './jsonpath';
export { type Token, type TokenKind, tokenize } from './lexer';
export { MAX_NESTING, MAX_TREE_DEPTH, parseExpression } from './parser';
export { type CallContext, ExprDuration, ExprFloat, kindOf, NativeFunction, type ValueKind } from './values';
export { referencedVariables, type VariableRef } from './variables';
