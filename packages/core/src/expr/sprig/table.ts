import { closestMatch } from '../../diagnostics/suggest';
import { OperatorError } from '../expr-lang/operators';
import { NativeFunction } from '../expr-lang/values';
import { COLLECTION_FUNCTIONS } from './functions-collections';
import { MATH_FUNCTIONS } from './functions-math';
import { MISC_FUNCTIONS } from './functions-misc';
import { STRING_FUNCTIONS } from './functions-strings';
import { SPRIG_ALIASES, SPRIG_FUNCTION_NAMES } from './names';
import { type SprigSpec, sprigFunction } from './signature';

const SPECS: Readonly<Record<string, SprigSpec>> = {
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...MISC_FUNCTIONS,
};

function unsupported(name: string): NativeFunction {
  return new NativeFunction(`sprig.${name}`, () => {
    throw new OperatorError(`sprig.${name} is not supported by Slipway`);
  });
}

function build(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  for (const name of SPRIG_FUNCTION_NAMES) {
    const spec = SPECS[name] ?? SPECS[SPRIG_ALIASES[name] ?? ''];
    table.set(name, spec === undefined ? unsupported(name) : sprigFunction(name, spec));
  }
  return table;
}

/** Every `sprig.NAME` function value, keyed by name; unimplemented ones fail when called. */
export const SPRIG_FUNCTIONS: ReadonlyMap<string, NativeFunction> = build();

/** True when `name` is a function Argo exposes as `sprig.NAME`. */
export function isSprigFunction(name: string): boolean {
  return SPRIG_FUNCTION_NAMES.has(name);
}

/** True when Slipway can evaluate `sprig.NAME` (not just recognise it). */
export function isSprigImplemented(name: string): boolean {
  return SPECS[name] !== undefined || SPECS[SPRIG_ALIASES[name] ?? ''] !== undefined;
}

/** The Sprig function name closest to a misspelt one, e.g. `trimm` → `trim`. */
export function suggestSprigFunction(name: string): string | undefined {
  return closestMatch(name, SPRIG_FUNCTION_NAMES);
}

let namespace: Readonly<Record<string, unknown>> | undefined;

/** The value of `sprig` in an expression environment: a frozen map from function name to function. */
export function sprigNamespace(): Readonly<Record<string, unknown>> {
  if (namespace === undefined) {
    const built: Record<string, unknown> = {};
    for (const [name, fn] of SPRIG_FUNCTIONS) built[name] = fn;
    namespace = Object.freeze(built);
  }
  return namespace;
}
