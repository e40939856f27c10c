/** The Sprig functions Argo exposes as `sprig.NAME(…)` in expressions, with Sprig's lenient semantics. */
export { type SprigCall, sprigCalls } from './calls';
export { castFloat, castInt, isEmpty, strval } from './cast';
export { SPRIG_FUNCTION_NAMES } from './names';
export { type GoParam, type SprigSpec, sprigFunction } from './signature';
export {
  isSprigFunction,
  isSprigImplemented,
  SPRIG_FUNCTIONS,
  sprigNamespace,
  suggestSprigFunction,
} from './table';
