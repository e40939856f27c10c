import { arity, type BuiltinFunction, intArg, stringArg } from './builtin-args';
import { byteOffset, replaceGo, splitGo, toLowerGo, toUpperGo, trimCutset, trimSpace } from './go-strings';
import { MEMORY_BUDGET, OperatorError } from './operators';
import { goTypeName } from './values';

/** expr-lang's string builtins, with Go's `strings` package semantics. */
export const STRING_BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map<string, BuiltinFunction>([
  [
    'trim',
    (args) => {
      arity('trim', args, 1, 2);
      const text = stringArg('trim', args[0]);
      return args.length === 1 ? trimSpace(text) : trimCutset(text, stringArg('trim', args[1], 2));
    },
  ],
  [
    'trimPrefix',
    (args) => {
      arity('trimPrefix', args, 1, 2);
      const text = stringArg('trimPrefix', args[0]);
      const prefix = args.length === 2 ? stringArg('trimPrefix', args[1], 2) : ' ';
      return text.startsWith(prefix) ? text.slice(prefix.length) : text;
    },
  ],
  [
    'trimSuffix',
    (args) => {
      arity('trimSuffix', args, 1, 2);
      const text = stringArg('trimSuffix', args[0]);
      const suffix = args.length === 2 ? stringArg('trimSuffix', args[1], 2) : ' ';
      return suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text;
    },
  ],
  [
    'upper',
    (args) => {
      arity('upper', args, 1);
      return toUpperGo(stringArg('upper', args[0]));
    },
  ],
  [
    'lower',
    (args) => {
      arity('lower', args, 1);
      return toLowerGo(stringArg('lower', args[0]));
    },
  ],
  ['split', (args) => split('split', args, false)],
  ['splitAfter', (args) => split('splitAfter', args, true)],
  [
    'replace',
    (args) => {
      arity('replace', args, 3, 4);
      const [text, old, replacement] = [0, 1, 2].map((i) => stringArg('replace', args[i], i + 1)) as [
        string,
        string,
        string,
      ];
      return replaceGo(text, old, replacement, args.length === 4 ? intArg('replace', args[3], 4) : -1);
    },
  ],
  [
    'repeat',
    (args) => {
      arity('repeat', args, 2);
      const text = stringArg('repeat', args[0]);
      const count = intArg('repeat', args[1], 2);
      if (count < 0)
        throw new OperatorError(`invalid argument for repeat (expected positive integer, got ${count})`);
      if (count > MEMORY_BUDGET || text.length * count > 10 * MEMORY_BUDGET) {
        throw new OperatorError('memory budget exceeded');
      }
      return text.repeat(count);
    },
  ],
  [
    'join',
    (args) => {
      arity('join', args, 1, 2);
      const glue = args.length === 2 ? stringArg('join', args[1], 2) : '';
      if (!Array.isArray(args[0])) {
        throw new OperatorError(`invalid argument for join (type ${goTypeName(args[0])})`);
      }
      return args[0].map((item) => stringArg('join', item)).join(glue);
    },
  ],
  [
    'indexOf',
    (args) => {
      arity('indexOf', args, 2);
      const text = stringArg('indexOf', args[0]);
      return byteOffset(text, text.indexOf(stringArg('indexOf', args[1], 2)));
    },
  ],
  [
    'lastIndexOf',
    (args) => {
      arity('lastIndexOf', args, 2);
      const text = stringArg('lastIndexOf', args[0]);
      return byteOffset(text, text.lastIndexOf(stringArg('lastIndexOf', args[1], 2)));
    },
  ],
  [
    'hasPrefix',
    (args) => {
      arity('hasPrefix', args, 2);
      return stringArg('hasPrefix', args[0]).startsWith(stringArg('hasPrefix', args[1], 2));
    },
  ],
  [
    'hasSuffix',
    (args) => {
      arity('hasSuffix', args, 2);
      return stringArg('hasSuffix', args[0]).endsWith(stringArg('hasSuffix', args[1], 2));
    },
  ],
]);

function split(name: string, args: unknown[], after: boolean): string[] {
  arity(name, args, 2, 3);
  const text = stringArg(name, args[0]);
  const sep = stringArg(name, args[1], 2);
  return splitGo(text, sep, args.length === 3 ? intArg(name, args[2], 3) : -1, after);
}
