/** Binary operators with expr-lang's precedence; `right` marks right associativity. */
export const BINARY: ReadonlyMap<string, { readonly precedence: number; readonly right: boolean }> = new Map(
  (
    [
      ['|', 0],
      ['or', 10],
      ['||', 10],
      ['and', 15],
      ['&&', 15],
      ['==', 20],
      ['!=', 20],
      ['<', 20],
      ['>', 20],
      ['>=', 20],
      ['<=', 20],
      ['in', 20],
      ['matches', 20],
      ['contains', 20],
      ['startsWith', 20],
      ['endsWith', 20],
      ['..', 25],
      ['+', 30],
      ['-', 30],
      ['*', 60],
      ['/', 60],
      ['%', 60],
      ['**', 100],
      ['^', 100],
      ['??', 500],
    ] as const
  ).map(([op, precedence]) => [op, { precedence, right: op === '**' || op === '^' }]),
);

/** Prefix operators and the precedence their operand is parsed at. */
export const UNARY: ReadonlyMap<string, number> = new Map([
  ['not', 50],
  ['!', 50],
  ['-', 90],
  ['+', 90],
]);

/** Operators that can be written as `not op`. */
export const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);
/** Comparisons that chain: `a < b < c` means `a < b && b < c`. */
export const CHAINED_COMPARISONS = new Set(['<', '>', '<=', '>=']);
/** A name usable after `.`, including words the lexer treats as operators (`a.not`). */
export const IDENTIFIER = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;
