/** Operators govaluate reads as modifiers (arithmetic, bitwise, shifts). */
export type ModifierOperator = '+' | '-' | '*' | '/' | '%' | '**' | '&' | '|' | '^' | '<<' | '>>';
/** Comparison operators, including regex matching and list membership. */
export type ComparatorOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~' | 'in';
/** Boolean connectives. */
export type LogicalOperator = '&&' | '||';
/** govaluate's ternary family: `?` (if), `:` (else) and `??` (null coalescing). */
export type TernaryOperator = '?' | ':' | '??';
/** Prefix operators: numeric negation, boolean inversion, bitwise not. */
export type PrefixOperator = '-' | '!' | '~';

interface Span {
  /** Offset of the token's first character (UTF-16 code units). */
  readonly offset: number;
  /** Length of the token's source text. */
  readonly length: number;
}

/** One lexical token of a `when` expression, in govaluate's classification. */
export type WhenToken =
  | (Span & { readonly kind: 'number'; readonly value: number })
  | (Span & { readonly kind: 'boolean'; readonly value: boolean })
  | (Span & { readonly kind: 'string'; readonly value: string })
  | (Span & { readonly kind: 'time'; readonly value: number; readonly text: string })
  | (Span & { readonly kind: 'word'; readonly value: string; readonly bracketed: boolean; template: boolean })
  | (Span & { readonly kind: 'accessor'; readonly path: readonly string[]; template: boolean })
  | (Span & { readonly kind: 'prefix'; readonly op: PrefixOperator })
  | (Span & { readonly kind: 'modifier'; readonly op: ModifierOperator })
  | (Span & { readonly kind: 'comparator'; readonly op: ComparatorOperator })
  | (Span & { readonly kind: 'logical'; readonly op: LogicalOperator })
  | (Span & { readonly kind: 'ternary'; readonly op: TernaryOperator })
  | (Span & { readonly kind: 'separator' })
  | (Span & { readonly kind: 'lparen' })
  | (Span & { readonly kind: 'rparen' });

/** The `kind` of a WhenToken. */
export type WhenTokenKind = WhenToken['kind'];

/** Symbols govaluate reads as modifiers. */
export const MODIFIERS: ReadonlySet<string> = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '&',
  '|',
  '^',
  '<<',
  '>>',
]);
/** Symbolic comparators (`in` is a word, handled by the word reader). */
export const COMPARATORS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', '!~']);
/** Boolean connective symbols. */
export const LOGICALS: ReadonlySet<string> = new Set(['&&', '||']);
/** Ternary-family symbols. */
export const TERNARIES: ReadonlySet<string> = new Set(['?', ':', '??']);
/** Symbols that are prefix operators where a value is expected. */
export const PREFIXES: ReadonlySet<string> = new Set(['-', '!', '~']);

/** Source text of a token, for messages. */
export function tokenText(source: string, token: Span): string {
  return source.slice(token.offset, token.offset + token.length);
}
