import { sprigNamespace } from '../sprig/table';
import { arity, stringArg } from './builtin-args';
import { toFloatBuiltin, toIntBuiltin } from './builtins-numbers';
import { GoJsonError, goJson, parseGoJson } from './go-format';
import { JsonPathError, queryJsonPath } from './jsonpath';
import { OperatorError } from './operators';
import { float, NativeFunction } from './values';

function asOperatorError(error: unknown): unknown {
  if (error instanceof GoJsonError || error instanceof JsonPathError) return new OperatorError(error.message);
  if (error instanceof SyntaxError) return new OperatorError(`invalid JSON: ${error.message}`);
  return error;
}

const ARGO_FUNCTIONS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [
    'asInt',
    new NativeFunction('asInt', (args) => {
      arity('asInt', args, 1);
      return toIntBuiltin(args);
    }),
  ],
  [
    'asFloat',
    new NativeFunction('asFloat', (args) => {
      arity('asFloat', args, 1);
      return toFloatBuiltin(args);
    }),
  ],
  [
    'toJson',
    new NativeFunction('toJson', (args) => {
      arity('toJson', args, 1);
      try {
        return goJson(args[0]);
      } catch (error) {
        throw asOperatorError(error);
      }
    }),
  ],
  [
    'jsonpath',
    new NativeFunction('jsonpath', (args) => {
      arity('jsonpath', args, 2);
      const json = args[0] ?? '';
      const path = args[1] ?? '';
      try {
        return queryJsonPath(parseGoJson(stringArg('jsonpath', json), float), stringArg('jsonpath', path, 2));
      } catch (error) {
        throw asOperatorError(error);
      }
    }),
  ],
]);

/**
 * The functions Argo adds to every expression environment (`util/expr/env`): `asInt` and `asFloat` (aliases of
 * expr-lang's `int` and `float`), `toJson` (compact JSON), `jsonpath(json, path)` and the `sprig` namespace.
 * Argo installs them over the variables, so a variable with one of these names is never visible.
 */
export function argoFunction(name: string): { found: boolean; value: unknown } {
  if (name === 'sprig') return { found: true, value: sprigNamespace() };
  const value = ARGO_FUNCTIONS.get(name);
  return value === undefined ? { found: false, value: undefined } : { found: true, value };
}
