// govaluate validates a token list by which kind of token may follow which (lexerState.go), and Argo runs
// that check a second time after turning bare words into strings. This reproduces the second, stricter run,
// so that for example `!heads` (prefix before a string) is rejected exactly as Argo rejects it.

import { WhenSyntaxError } from './errors';
import { tokenText, type WhenToken } from './tokens';

type Kind =
  | 'NUMERIC'
  | 'BOOLEAN'
  | 'STRING'
  | 'PATTERN'
  | 'TIME'
  | 'ACCESSOR'
  | 'TEMPLATE'
  | 'PREFIX'
  | 'MODIFIER'
  | 'COMPARATOR'
  | 'LOGICALOP'
  | 'TERNARY'
  | 'SEPARATOR'
  | 'CLAUSE'
  | 'CLAUSE_CLOSE';

type State = Kind | 'START';

const VALUE_START: Kind[] = ['PREFIX', 'NUMERIC', 'BOOLEAN', 'STRING', 'TIME', 'ACCESSOR', 'CLAUSE'];
const AFTER_VALUE: Kind[] = ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR'];
const AFTER_LITERAL: Kind[] = ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR'];

const NEXT: Record<State, ReadonlySet<Kind>> = {
  START: new Set([...VALUE_START, 'PATTERN']),
  CLAUSE: new Set([...VALUE_START, 'PATTERN', 'CLAUSE_CLOSE']),
  CLAUSE_CLOSE: new Set([
    'COMPARATOR',
    'MODIFIER',
    'NUMERIC',
    'BOOLEAN',
    'STRING',
    'PATTERN',
    'TIME',
    'CLAUSE',
    'CLAUSE_CLOSE',
    'LOGICALOP',
    'TERNARY',
    'SEPARATOR',
  ]),
  NUMERIC: new Set(AFTER_VALUE),
  BOOLEAN: new Set(AFTER_VALUE),
  STRING: new Set(AFTER_VALUE),
  TEMPLATE: new Set(AFTER_VALUE),
  TIME: new Set(AFTER_LITERAL),
  PATTERN: new Set(AFTER_LITERAL),
  ACCESSOR: new Set(['CLAUSE', ...AFTER_VALUE]),
  MODIFIER: new Set(['PREFIX', 'NUMERIC', 'ACCESSOR', 'STRING', 'BOOLEAN', 'CLAUSE', 'CLAUSE_CLOSE']),
  COMPARATOR: new Set([...VALUE_START, 'CLAUSE_CLOSE', 'PATTERN']),
  LOGICALOP: new Set([...VALUE_START, 'CLAUSE_CLOSE']),
  PREFIX: new Set(['NUMERIC', 'BOOLEAN', 'ACCESSOR', 'CLAUSE', 'CLAUSE_CLOSE']),
  TERNARY: new Set([...VALUE_START, 'SEPARATOR']),
  SEPARATOR: new Set(VALUE_START),
};

const CAN_END: ReadonlySet<State> = new Set([
  'NUMERIC',
  'BOOLEAN',
  'STRING',
  'PATTERN',
  'TIME',
  'ACCESSOR',
  'TEMPLATE',
  'CLAUSE_CLOSE',
]);

const VALUE_KINDS: ReadonlySet<Kind> = new Set([
  'NUMERIC',
  'BOOLEAN',
  'STRING',
  'PATTERN',
  'TIME',
  'ACCESSOR',
  'TEMPLATE',
]);

function kindOf(token: WhenToken, previous: WhenToken | undefined): Kind {
  const afterRegexOperator =
    previous?.kind === 'comparator' && (previous.op === '=~' || previous.op === '!~');
  switch (token.kind) {
    case 'number':
      return 'NUMERIC';
    case 'boolean':
      return 'BOOLEAN';
    case 'time':
      return 'TIME';
    case 'string':
      return afterRegexOperator ? 'PATTERN' : 'STRING';
    case 'word':
      // Argo rewrites bare words to strings before this check; a tag placeholder could be any value.
      return token.template ? 'TEMPLATE' : 'STRING';
    case 'accessor':
      return token.template ? 'TEMPLATE' : 'ACCESSOR';
    case 'prefix':
      return 'PREFIX';
    case 'modifier':
      return 'MODIFIER';
    case 'comparator':
      return 'COMPARATOR';
    case 'logical':
      return 'LOGICALOP';
    case 'ternary':
      return 'TERNARY';
    case 'separator':
      return 'SEPARATOR';
    case 'lparen':
      return 'CLAUSE';
    case 'rparen':
      return 'CLAUSE_CLOSE';
  }
}

function allowed(state: State, kind: Kind): boolean {
  const next = NEXT[state];
  // A tag placeholder stands for an unknown value: accept it wherever a string or a number may go.
  if (kind === 'TEMPLATE') return next.has('STRING') || next.has('NUMERIC');
  return next.has(kind);
}

function describe(source: string, token: WhenToken): string {
  const text = tokenText(source, token);
  switch (token.kind) {
    case 'word':
      return token.template ? `the template tag \`${text}\`` : `the bare word \`${text}\` (a string)`;
    case 'string':
      return `the string ${text}`;
    case 'time':
      return `the date ${text}`;
    case 'number':
      return `the number \`${text}\``;
    case 'boolean':
      return `\`${text}\``;
    case 'accessor':
      return `\`${text}\``;
    default:
      return `\`${text}\``;
  }
}

function transitionMessage(
  source: string,
  previous: WhenToken | undefined,
  state: State,
  token: WhenToken,
): string {
  const kind = kindOf(token, previous);
  const found = describe(source, token);
  if (previous === undefined) return `expected a value at the start of the expression, found ${found}`;
  const after = tokenText(source, previous);
  if (previous.kind === 'word' && !previous.template && token.kind === 'lparen') {
    return `\`${after}(…)\` looks like a function call, but \`when\` expressions have no functions`;
  }
  if (state === 'PREFIX') {
    return (
      `\`${after}\` cannot be applied to ${found}; after a prefix operator govaluate expects a number, ` +
      '`true`/`false` or a parenthesised expression'
    );
  }
  if (VALUE_KINDS.has(kind) && (VALUE_KINDS.has(state as Kind) || state === 'CLAUSE_CLOSE')) {
    return `expected an operator between ${describe(source, previous)} and ${found} (quote text that contains spaces)`;
  }
  if (kind === 'TERNARY' && (state === 'PATTERN' || state === 'TIME')) {
    return `govaluate does not allow \`${tokenText(source, token)}\` right after ${describe(source, previous)}; wrap the comparison in parentheses`;
  }
  if (kind === 'TIME' && state === 'MODIFIER') {
    return `govaluate does not allow ${found} after \`${after}\`; a date string cannot be an arithmetic operand`;
  }
  if (!VALUE_KINDS.has(state as Kind) && state !== 'CLAUSE_CLOSE') {
    return `expected a value after \`${after}\`, found ${found}`;
  }
  return `unexpected ${found} after \`${after}\``;
}

/** Rejects token sequences govaluate's lexer states reject (as checked on the strings Argo passes it). */
export function checkTransitions(source: string, tokens: readonly WhenToken[]): void {
  let state: State = 'START';
  let previous: WhenToken | undefined;
  for (const token of tokens) {
    const kind = kindOf(token, previous);
    if (!allowed(state, kind)) {
      throw new WhenSyntaxError(
        transitionMessage(source, previous, state, token),
        token.offset,
        token.length,
      );
    }
    state = kind;
    previous = token;
  }
  if (!CAN_END.has(state)) {
    const after = previous === undefined ? 'at the start' : `after \`${tokenText(source, previous)}\``;
    throw new WhenSyntaxError(
      `expected a value ${after}, found the end of the expression`,
      previous?.offset ?? source.length,
      previous?.length ?? 0,
    );
  }
}
