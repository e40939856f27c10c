import type {
  ComparatorOperator,
  LogicalOperator,
  ModifierOperator,
  PrefixOperator,
  TernaryOperator,
} from './tokens';

/** Where a node sits in the expression text (UTF-16 code units). */
export interface WhenSpan {
  readonly offset: number;
  readonly length: number;
}

/** A numeric literal (govaluate numbers are float64), including `0x` hex literals. */
export interface WhenNumber extends WhenSpan {
  readonly type: 'number';
  readonly value: number;
}

/** `true` or `false` (lower case only; `True` is a bare word). */
export interface WhenBoolean extends WhenSpan {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** A quoted string; `pattern` when it directly follows `=~`/`!~` and was compiled as a regex at parse time. */
export interface WhenString extends WhenSpan {
  readonly type: 'string';
  readonly value: string;
  readonly pattern: boolean;
}

/** A quoted string that parses as a date, which govaluate turns into its Unix time in seconds. */
export interface WhenTime extends WhenSpan {
  readonly type: 'time';
  /** Unix time in seconds. */
  readonly value: number;
  /** The text between the quotes. */
  readonly text: string;
}

/**
 * A bare word (`heads`) or bracketed name (`[any text]`). govaluate reads these as parameters; Argo turns
 * them into strings, so they evaluate to their own text. `template` marks a word standing in for a `{{…}}`
 * tag (only from checkWhenTemplate); `pattern` as for WhenString.
 */
export interface WhenWord extends WhenSpan {
  readonly type: 'word';
  readonly value: string;
  readonly bracketed: boolean;
  readonly template: boolean;
  readonly pattern: boolean;
}

/** A dotted word such as `Foo.Bar`, which govaluate reads as a parameter field access (always an error). */
export interface WhenAccessor extends WhenSpan {
  readonly type: 'accessor';
  readonly path: readonly string[];
  /** Arguments when written as a method call, `Foo.Bar(1, 2)`. */
  readonly args: WhenNode | undefined;
}

/** `-x`, `!x` or `~x`. */
export interface WhenUnary extends WhenSpan {
  readonly type: 'unary';
  readonly operator: PrefixOperator;
  readonly operand: WhenNode;
}

/** Every infix operator of the govaluate grammar. */
export type WhenBinaryOperator = ModifierOperator | ComparatorOperator | LogicalOperator | TernaryOperator;

/** An infix operation; all of govaluate's infix operators associate to the left. */
export interface WhenBinary extends WhenSpan {
  readonly type: 'binary';
  readonly operator: WhenBinaryOperator;
  readonly operatorOffset: number;
  readonly left: WhenNode;
  readonly right: WhenNode;
}

/** A parenthesised expression. */
export interface WhenGroup extends WhenSpan {
  readonly type: 'group';
  readonly expression: WhenNode;
}

/** A comma-separated list, the right-hand side of `in`: `x in (a, b, c)`. */
export interface WhenList extends WhenSpan {
  readonly type: 'list';
  readonly items: readonly WhenNode[];
}

/** Any node of a parsed `when` expression. */
export type WhenNode =
  | WhenNumber
  | WhenBoolean
  | WhenString
  | WhenTime
  | WhenWord
  | WhenAccessor
  | WhenUnary
  | WhenBinary
  | WhenGroup
  | WhenList;
