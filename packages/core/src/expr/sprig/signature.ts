import { OperatorError } from '../expr-lang/operators';
import { type CallContext, float, goTypeName, isMap, kindOf, NativeFunction } from '../expr-lang/values';

/** The Go parameter types Sprig functions declare, as far as expr-lang's reflection call cares. */
export type GoParam = 'string' | 'int' | 'bool' | 'float64' | 'map' | 'any';

/** A Sprig function: its Go parameter list and an implementation on already-checked arguments. */
export interface SprigSpec {
  readonly params: readonly GoParam[];
  /** Type of the trailing `...T` parameter, when the Go function is variadic. */
  readonly variadic?: GoParam;
  readonly fn: (args: unknown[], context: CallContext) => unknown;
}

/** Go's zero value for a parameter type: what a `nil` argument becomes when expr-lang calls the function. */
function zeroValue(type: GoParam): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'bool':
      return false;
    case 'float64':
      return float(0);
    case 'map':
      return {};
    default:
      return null;
  }
}

function accepts(type: GoParam, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return kindOf(value) === 'int';
    case 'bool':
      return typeof value === 'boolean';
    case 'float64':
      return kindOf(value) === 'float';
    case 'map':
      return isMap(value);
    default:
      return true;
  }
}

const GO_TYPE: Record<GoParam, string> = {
  string: 'string',
  int: 'int',
  bool: 'bool',
  float64: 'float64',
  map: 'map[string]interface {}',
  any: 'interface {}',
};

/**
 * Wrap a Sprig implementation the way expr-lang calls a Go function value: the argument count must match,
 * `nil` becomes the parameter's zero value, and any other type mismatch fails (Go's reflection does not
 * convert `1.0` to `int` or `1` to `string`).
 */
export function sprigFunction(name: string, spec: SprigSpec): NativeFunction {
  const fixed = spec.params.length;
  return new NativeFunction(`sprig.${name}`, (args, context) => {
    if (spec.variadic === undefined ? args.length !== fixed : args.length < fixed) {
      const expected = spec.variadic === undefined ? `${fixed}` : `at least ${fixed}`;
      throw new OperatorError(
        `invalid number of arguments for sprig.${name}: expected ${expected}, got ${args.length}`,
      );
    }
    const checked = args.map((arg, i) => {
      const type = i < fixed ? (spec.params[i] as GoParam) : (spec.variadic as GoParam);
      if (arg === null || arg === undefined) return zeroValue(type);
      if (!accepts(type, arg)) {
        throw new OperatorError(
          `cannot use ${goTypeName(arg)} as ${GO_TYPE[type]} in argument ${i + 1} of sprig.${name}`,
        );
      }
      return arg;
    });
    return spec.fn(checked, context);
  });
}
