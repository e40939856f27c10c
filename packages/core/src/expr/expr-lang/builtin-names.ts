/** How a predicate builtin's argument is parsed: a plain expression or a closure, possibly optional. */
export interface PredicateArgSpec {
  readonly closure: boolean;
  readonly optional: boolean;
}

const expr: PredicateArgSpec = { closure: false, optional: false };
const closure: PredicateArgSpec = { closure: true, optional: false };
const optionalClosure: PredicateArgSpec = { closure: true, optional: true };
const optionalExpr: PredicateArgSpec = { closure: false, optional: true };

/** Builtins whose second argument is a closure over `#`, with the shape of their argument lists. */
export const PREDICATE_BUILTINS: ReadonlyMap<string, readonly PredicateArgSpec[]> = new Map([
  ['all', [expr, closure]],
  ['none', [expr, closure]],
  ['any', [expr, closure]],
  ['one', [expr, closure]],
  ['filter', [expr, closure]],
  ['map', [expr, closure]],
  ['count', [expr, optionalClosure]],
  ['sum', [expr, optionalClosure]],
  ['find', [expr, closure]],
  ['findIndex', [expr, closure]],
  ['findLast', [expr, closure]],
  ['findLastIndex', [expr, closure]],
  ['groupBy', [expr, closure]],
  ['sortBy', [expr, closure, optionalExpr]],
  ['reduce', [expr, closure, optionalExpr]],
]);

/** Every expr-lang builtin function name; a call of one of these parses as a builtin, not an env lookup. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  ...PREDICATE_BUILTINS.keys(),
  'len',
  'type',
  'abs',
  'ceil',
  'floor',
  'round',
  'int',
  'float',
  'string',
  'trim',
  'trimPrefix',
  'trimSuffix',
  'upper',
  'lower',
  'split',
  'splitAfter',
  'replace',
  'repeat',
  'join',
  'indexOf',
  'lastIndexOf',
  'hasPrefix',
  'hasSuffix',
  'max',
  'min',
  'mean',
  'median',
  'toJSON',
  'fromJSON',
  'toBase64',
  'fromBase64',
  'now',
  'duration',
  'date',
  'timezone',
  'first',
  'last',
  'get',
  'take',
  'keys',
  'values',
  'toPairs',
  'fromPairs',
  'reverse',
  'uniq',
  'concat',
  'flatten',
  'sort',
  'bitand',
  'bitor',
  'bitxor',
  'bitnand',
  'bitshl',
  'bitshr',
  'bitushr',
  'bitnot',
]);

/** Functions Argo adds to every expression environment (`util/expr/env`), shadowing variables of that name. */
export const ARGO_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'asInt',
  'asFloat',
  'jsonpath',
  'toJson',
  'sprig',
]);
