import { closestMatch } from '../../diagnostics/suggest';
import { SPRIG_FUNCTION_NAMES } from '../sprig/names';
import { argoFunction } from './argo-functions';
import type { BinaryNode, CallNode, ExprNode, MemberNode, SliceNode } from './ast';
import type { BuiltinFunction } from './builtin-args';
import { BUILTIN_NAMES, PREDICATE_BUILTINS } from './builtin-names';
import { COLLECTION_BUILTINS, indexValue } from './builtins-collections';
import { NUMBER_BUILTINS } from './builtins-numbers';
import { STRING_BUILTINS } from './builtins-strings';
import { ExprEvalError } from './errors';
import { formatValue } from './go-format';
import {
  arithmetic,
  compare,
  equal,
  membership,
  negate,
  OperatorError,
  range,
  stringOperator,
  toInt,
} from './operators';
import { evaluatePredicateBuiltin } from './predicates';
import { durationMethod, timeMethod } from './time';
import {
  type CallContext,
  type ExprDuration,
  float,
  goTypeName,
  isNil,
  kindOf,
  mapGet,
  mapSet,
  NativeFunction,
  unbox,
} from './values';

/** Knobs for evaluation: an injectable clock and random source, and a bound on the work done. */
export interface EvalOptions {
  /** The current time for `now()` and Sprig's date functions; defaults to the system clock. */
  readonly now?: () => Date;
  /** Uniform random numbers in [0, 1) for Sprig's `rand*` functions; defaults to `Math.random`. */
  readonly random?: () => number;
  /** Node evaluations allowed before giving up, so hostile input cannot hang the caller. */
  readonly maxSteps?: number;
}

const BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map([
  ...STRING_BUILTINS,
  ...COLLECTION_BUILTINS,
  ...NUMBER_BUILTINS,
]);

const SHORT_CIRCUIT = Symbol('optional chain stopped at nil');
const DEFAULT_MAX_STEPS = 5_000_000;

interface ClosureScope {
  readonly item: unknown;
  readonly index: number;
  readonly acc: unknown;
}

/**
 * Evaluate a parsed expression against an environment with expr-lang's semantics, as Argo runs it: Argo's
 * functions (`asInt`, `asFloat`, `toJson`, `jsonpath`, `sprig.*`) are always available and shadow variables
 * of the same name. Integral floats come back as plain numbers. Throws `ExprEvalError`.
 */
export function evaluate(ast: ExprNode, env: Record<string, unknown>, options: EvalOptions = {}): unknown {
  return unbox(evaluateRaw(ast, env, options));
}

/** Like `evaluate`, but floats stay boxed as `ExprFloat`, so the Go type of the result is known. */
export function evaluateRaw(ast: ExprNode, env: Record<string, unknown>, options: EvalOptions = {}): unknown {
  const evaluator = new Evaluator(env, options);
  try {
    return evaluator.evaluate(ast);
  } catch (error) {
    if (error instanceof ExprEvalError) throw error;
    if (error instanceof RangeError && /call stack/u.test(error.message)) {
      throw new ExprEvalError('value is nested too deeply to evaluate', ast.offset, ast.length, {
        cause: error,
      });
    }
    throw new ExprEvalError(
      `internal error evaluating expression: ${String(error)}`,
      ast.offset,
      ast.length,
      {
        cause: error,
      },
    );
  }
}

class Evaluator implements CallContext {
  private steps = 0;
  private readonly maxSteps: number;
  private readonly scopes: ClosureScope[] = [];
  private readonly bindings: Array<[string, unknown]> = [];
  readonly now: () => Date;
  readonly random: () => number;

  constructor(
    private readonly env: Record<string, unknown>,
    options: EvalOptions,
  ) {
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  private fail(node: ExprNode, message: string, cause?: unknown): ExprEvalError {
    return new ExprEvalError(message, node.offset, node.length, cause === undefined ? undefined : { cause });
  }

  /** Run `fn`, turning operator failures into errors located at `node`. */
  private guard<T>(node: ExprNode, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof OperatorError) throw this.fail(node, error.message, error);
      throw error;
    }
  }

  evaluate(node: ExprNode): unknown {
    if (++this.steps > this.maxSteps) throw this.fail(node, 'evaluation budget exceeded');
    switch (node.kind) {
      case 'nil':
        return null;
      case 'bool':
      case 'integer':
      case 'string':
        return node.value;
      case 'float':
        return float(node.value);
      case 'identifier':
        return this.lookup(node.name, node);
      case 'pointer':
        return this.pointer(node.name, node);
      case 'array':
        return node.elements.map((element) => this.evaluate(element));
      case 'map':
        return this.map(node);
      case 'member':
      case 'slice':
      case 'call': {
        const value = this.chain(node);
        return value === SHORT_CIRCUIT ? null : value;
      }
      case 'builtin':
        return this.builtin(node.name, node.args, node);
      case 'predicate':
        return this.evaluate(node.body);
      case 'unary':
        return this.unary(node.operator, node.operand, node);
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const test = this.evaluate(node.test);
        if (typeof test !== 'boolean') {
          throw this.fail(node.test, `non-bool value (type ${goTypeName(test)}) used as condition`);
        }
        return this.evaluate(test ? node.consequent : node.alternate);
      }
      case 'let': {
        this.bindings.push([node.name, this.evaluate(node.value)]);
        try {
          return this.evaluate(node.body);
        } finally {
          this.bindings.pop();
        }
      }
      case 'sequence': {
        let last: unknown = null;
        for (const expression of node.expressions) last = this.evaluate(expression);
        return last;
      }
    }
  }

  private lookup(name: string, node: ExprNode): unknown {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i] as [string, unknown];
      if (binding[0] === name) return binding[1];
    }
    const argo = argoFunction(name);
    if (argo.found) return argo.value;
    const hit = mapGet(this.env, name);
    if (hit.found) return hit.value ?? null;
    throw this.fail(node, `unknown name ${name}`);
  }

  private pointer(name: '' | 'index' | 'acc', node: ExprNode): unknown {
    const scope = this.scopes.at(-1);
    if (scope === undefined) throw this.fail(node, '`#` used outside of a closure');
    if (name === 'index') return scope.index;
    if (name === 'acc') return scope.acc ?? null;
    return scope.item;
  }

  private map(node: Extract<ExprNode, { kind: 'map' }>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const entry of node.entries) {
      const key = this.evaluate(entry.key);
      if (typeof key !== 'string') {
        throw this.fail(entry.key, `map keys must be strings here, got ${goTypeName(key)}`);
      }
      mapSet(out, key, this.evaluate(entry.value));
    }
    return out;
  }

  /** Evaluate a member/slice/call chain, stopping the whole chain at a nil reached through `?.`. */
  private chain(node: ExprNode): unknown {
    switch (node.kind) {
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node);
      default:
        return this.evaluate(node);
    }
  }

  private member(node: MemberNode): unknown {
    const object = this.chain(node.object);
    if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    if (node.optional && isNil(object)) return SHORT_CIRCUIT;
    const key = node.computed ? this.evaluate(node.property) : (node.property as { value: string }).value;
    return this.guard(node, () => fetch(object, key));
  }

  private slice(node: SliceNode): unknown {
    const object = this.chain(node.object);
    if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    const from = node.from === undefined ? undefined : this.evaluate(node.from);
    const to = node.to === undefined ? undefined : this.evaluate(node.to);
    return this.guard(node, () => slice(object, from, to));
  }

  private call(node: CallNode): unknown {
    const callee = this.chain(node.callee);
    if (callee === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    if (isNil(callee)) throw this.fail(node, this.nilCallMessage(node));
    const args = node.args.map((arg) => this.evaluate(arg));
    if (callee instanceof NativeFunction) return this.guard(node, () => callee.call(args, this));
    if (typeof callee === 'function') {
      try {
        return (callee as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        // A host function's failure is the expression's failure, located at the call.
        if (error instanceof ExprEvalError) throw error;
        throw this.fail(node, error instanceof Error ? error.message : String(error), error);
      }
    }
    throw this.fail(node, `invalid operation: cannot call non-function of type ${goTypeName(callee)}`);
  }

  private nilCallMessage(node: CallNode): string {
    const callee = node.callee;
    if (
      callee.kind === 'member' &&
      !callee.computed &&
      callee.object.kind === 'identifier' &&
      callee.object.name === 'sprig'
    ) {
      const name = (callee.property as { value: string }).value;
      const suggestion = closestMatch(name, SPRIG_FUNCTION_NAMES);
      return `unknown Sprig function sprig.${name}${suggestion === undefined ? '' : `; did you mean sprig.${suggestion}?`}`;
    }
    return 'invalid operation: cannot call nil';
  }

  private builtin(name: string, args: readonly ExprNode[], node: ExprNode): unknown {
    if (PREDICATE_BUILTINS.has(name)) {
      return this.guard(node, () =>
        evaluatePredicateBuiltin(name, args, {
          evaluate: (arg) => this.evaluate(arg),
          call: (closure, item, index, acc) => this.closure(closure, item, index, acc),
        }),
      );
    }
    const fn = BUILTINS.get(name);
    if (fn === undefined || !BUILTIN_NAMES.has(name)) throw this.fail(node, `unknown builtin ${name}`);
    const values = args.map((arg) => this.evaluate(arg));
    return this.guard(node, () => fn(values, this));
  }

  private closure(closure: ExprNode, item: unknown, index: number, acc: unknown): unknown {
    this.scopes.push({ item, index, acc });
    try {
      return this.evaluate(closure);
    } finally {
      this.scopes.pop();
    }
  }

  private unary(operator: string, operand: ExprNode, node: ExprNode): unknown {
    const value = this.evaluate(operand);
    if (operator === 'not' || operator === '!') {
      if (typeof value !== 'boolean')
        throw this.fail(node, `invalid operation: ${operator} ${goTypeName(value)}`);
      return !value;
    }
    return this.guard(node, () => negate(operator as '-' | '+', value));
  }

  private binary(node: BinaryNode): unknown {
    const op = node.operator;
    if (op === 'and' || op === '&&' || op === 'or' || op === '||') {
      const left = this.evaluate(node.left);
      if (typeof left !== 'boolean') {
        throw this.fail(
          node.left,
          `invalid operation: ${goTypeName(left)} ${op} (the left side must be a bool)`,
        );
      }
      const isAnd = op === 'and' || op === '&&';
      // Like expr-lang's VM, the right operand is returned as it is once the left one does not decide.
      if (isAnd ? !left : left) return left;
      return this.evaluate(node.right);
    }
    if (op === '??') {
      const left = this.evaluate(node.left);
      return isNil(left) ? this.evaluate(node.right) : left;
    }
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    return this.guard(node, () => {
      switch (op) {
        case '==':
          return equal(left, right);
        case '!=':
          return !equal(left, right);
        case '<':
        case '>':
        case '<=':
        case '>=':
          return compare(op, left, right);
        case 'in':
          return membership(left, right);
        case '..':
          return range(left, right);
        case 'matches':
        case 'contains':
        case 'startsWith':
        case 'endsWith':
          return stringOperator(op, left, right);
        default:
          return arithmetic(op, left, right);
      }
    });
  }
}

/** expr-lang's `Fetch`: index arrays and strings, look up map keys, find methods of times and durations. */
function fetch(object: unknown, key: unknown): unknown {
  const kind = kindOf(object);
  if (kind === 'map') {
    if (typeof key !== 'string') throw new OperatorError(`cannot use ${goTypeName(key)} as a map key`);
    return mapGet(object as Record<string, unknown>, key).value ?? null;
  }
  if (kind === 'array' || kind === 'string') {
    if (typeof key === 'string') throw new OperatorError(`cannot fetch ${key} from ${goTypeName(object)}`);
    const index = toInt(key, 'index');
    const hit = indexValue(object as unknown[] | string, index);
    if (!hit.found) {
      const length = kind === 'string' ? Buffer.byteLength(object as string) : (object as unknown[]).length;
      throw new OperatorError(`index out of range: ${index} (array length is ${length})`);
    }
    return hit.value ?? null;
  }
  if (typeof key === 'string') {
    const method =
      kind === 'time'
        ? timeMethod(object as Date, key)
        : kind === 'duration'
          ? durationMethod(object as ExprDuration, key)
          : undefined;
    if (method !== undefined) return method;
  }
  throw new OperatorError(`cannot fetch ${formatValue(key)} from ${goTypeName(object)}`);
}

/** expr-lang's `Slice` on arrays and (byte-wise) strings, clamping bounds as Go's runtime helper does. */
function slice(object: unknown, from: unknown, to: unknown): unknown {
  const isString = typeof object === 'string';
  if (!Array.isArray(object) && !isString) throw new OperatorError(`cannot slice ${goTypeName(object)}`);
  const length = isString ? Buffer.byteLength(object as string) : (object as unknown[]).length;
  let a = from === undefined ? 0 : toInt(from, 'slice');
  let b = to === undefined ? length : toInt(to, 'slice');
  if (a < 0) a = Math.max(0, length + a);
  if (b < 0) b = Math.max(0, length + b);
  b = Math.min(b, length);
  a = Math.min(a, b);
  return isString
    ? Buffer.from(object as string)
        .subarray(a, b)
        .toString()
    : (object as unknown[]).slice(a, b);
}
