import { sortedKeys } from './go-format';
import { compileGoRegex } from './regex';
import { isMap, isNil, kindOf, mapGet, numberOf } from './values';

/** A JSONPath that does not parse, or a query that finds nothing where a value is required. */
export class JsonPathError extends Error {}

type Step =
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'wildcard' }
  | { readonly type: 'recursive'; readonly key: string | undefined }
  | { readonly type: 'union'; readonly items: ReadonlyArray<string | number> }
  | { readonly type: 'range'; readonly from?: number; readonly to?: number; readonly step?: number }
  | { readonly type: 'filter'; readonly expression: FilterExpr };

type FilterExpr =
  | { readonly type: 'literal'; readonly value: unknown }
  | { readonly type: 'path'; readonly root: '@' | '$'; readonly steps: readonly Step[] }
  | { readonly type: 'not'; readonly operand: FilterExpr }
  | { readonly type: 'binary'; readonly op: string; readonly left: FilterExpr; readonly right: FilterExpr };

/**
 * Query decoded JSON with the JSONPath subset Argo users write (evilmonkeyinc/jsonpath semantics): `$.a.b`,
 * `$['a']`, `$[0]`, `$[-1]`, `$.a[*]`, `$..a`, `$[0,1]`, `$[1:3]`, `$[?(@.age > 42 && @.name == 'x')]`,
 * `.length`. A path with a wildcard, union, range, filter or `..` yields an array; otherwise the single value.
 */
export function queryJsonPath(data: unknown, path: string): unknown {
  const steps = new PathParser(path).parseRoot();
  return apply(steps, data, data);
}

function apply(steps: readonly Step[], root: unknown, current: unknown): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) return current;
  switch (step.type) {
    case 'key': {
      if (isMap(current)) {
        const hit = mapGet(current, step.key);
        if (hit.found) return apply(rest, root, hit.value);
      }
      if (
        step.key === 'length' &&
        (Array.isArray(current) || typeof current === 'string' || isMap(current))
      ) {
        return apply(rest, root, lengthOf(current));
      }
      if (!isMap(current))
        throw new JsonPathError(`key: invalid token target. expected map, got ${kindOf(current)}`);
      throw new JsonPathError(`key: invalid token key '${step.key}' not found`);
    }
    case 'index': {
      if (!Array.isArray(current)) throw new JsonPathError(`index: invalid token target. expected array`);
      const i = step.index < 0 ? current.length + step.index : step.index;
      if (i < 0 || i >= current.length) throw new JsonPathError('index: invalid token out of range');
      return apply(rest, root, current[i]);
    }
    default:
      return collect(step, rest, root, current);
  }
}

function lengthOf(value: unknown[] | string | Record<string, unknown>): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return Object.keys(value).length;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return sortedKeys(value).map((k) => value[k]);
  throw new JsonPathError('invalid token target. expected array or map');
}

/** Apply a collecting step, then the rest of the path to each element, dropping elements that fail. */
function collect(step: Step, rest: readonly Step[], root: unknown, current: unknown): unknown {
  let elements: unknown[];
  switch (step.type) {
    case 'wildcard':
      elements = children(current);
      break;
    case 'recursive':
      elements = [];
      descend(current, step.key, elements, 0);
      break;
    case 'union':
      elements = step.items.flatMap((item) => {
        try {
          return [
            apply(
              [typeof item === 'number' ? { type: 'index', index: item } : { type: 'key', key: item }],
              root,
              current,
            ),
          ];
        } catch {
          return [];
        }
      });
      break;
    case 'range':
      elements = sliceRange(children(current), step);
      break;
    case 'filter':
      elements = children(current).filter((item) => truthy(evaluateFilter(step.expression, root, item)));
      break;
    default:
      elements = [];
  }
  const [next] = rest;
  if (next?.type === 'index') {
    // A specific index after a collection picks from the collected elements, as the Go library does.
    return apply(rest, root, elements);
  }
  if (rest.length === 0) return elements;
  const out: unknown[] = [];
  for (const element of elements) {
    try {
      const value = apply(rest, root, element);
      if (!isNil(value)) out.push(value);
    } catch {
      // Elements the rest of the path does not fit are skipped, not errors.
    }
  }
  return out;
}

function descend(value: unknown, key: string | undefined, out: unknown[], depth: number): void {
  if (depth > 1000) throw new JsonPathError('document is nested too deeply');
  if (isMap(value)) {
    for (const k of sortedKeys(value)) {
      if (key === undefined || k === key) out.push(value[k]);
      descend(value[k], key, out, depth + 1);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (key === undefined) out.push(item);
      descend(item, key, out, depth + 1);
    }
  }
}

function sliceRange(items: unknown[], step: { from?: number; to?: number; step?: number }): unknown[] {
  const length = items.length;
  const clamp = (n: number): number => Math.min(length, Math.max(0, n < 0 ? length + n : n));
  const from = step.from === undefined ? 0 : clamp(step.from);
  const to = step.to === undefined ? length : clamp(step.to);
  const stride = step.step ?? 1;
  if (stride === 0) throw new JsonPathError('range: invalid token out of range');
  const out: unknown[] = [];
  if (stride > 0) for (let i = from; i < to; i += stride) out.push(items[i]);
  else for (let i = to - 1; i >= from; i += stride) out.push(items[i]);
  return out;
}

function truthy(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'nil':
      return false;
    case 'bool':
      return value as boolean;
    case 'array':
      return (value as unknown[]).length > 0;
    case 'map':
      return Object.keys(value as object).length > 0;
    case 'string':
      return value !== '';
    case 'int':
    case 'float':
      return numberOf(value) !== 0;
    default:
      return true;
  }
}

function evaluateFilter(expr: FilterExpr, root: unknown, current: unknown): unknown {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'path':
      try {
        return apply(expr.steps, root, expr.root === '@' ? current : root);
      } catch {
        return null;
      }
    case 'not':
      return !truthy(evaluateFilter(expr.operand, root, current));
    default: {
      if (expr.op === '&&') {
        return (
          truthy(evaluateFilter(expr.left, root, current)) &&
          truthy(evaluateFilter(expr.right, root, current))
        );
      }
      if (expr.op === '||') {
        return (
          truthy(evaluateFilter(expr.left, root, current)) ||
          truthy(evaluateFilter(expr.right, root, current))
        );
      }
      return binary(
        expr.op,
        evaluateFilter(expr.left, root, current),
        evaluateFilter(expr.right, root, current),
      );
    }
  }
}

function binary(op: string, a: unknown, b: unknown): unknown {
  const numbers = isNumber(a) && isNumber(b);
  const x = numbers ? numberOf(a) : a;
  const y = numbers ? numberOf(b) : b;
  switch (op) {
    case '==':
      return numbers ? x === y : isNil(a) && isNil(b) ? true : a === b;
    case '!=':
      return numbers ? x !== y : !(isNil(a) && isNil(b)) && a !== b;
    case '<':
      return numbers && (x as number) < (y as number);
    case '<=':
      return numbers && (x as number) <= (y as number);
    case '>':
      return numbers && (x as number) > (y as number);
    case '>=':
      return numbers && (x as number) >= (y as number);
    case '=~':
      return typeof a === 'string' && typeof b === 'string' && compileGoRegex(b).test(a);
    case 'in':
      return Array.isArray(b) && b.some((item) => binary('==', a, item) === true);
    case '+':
      return numbers ? (x as number) + (y as number) : null;
    case '-':
      return numbers ? (x as number) - (y as number) : null;
    case '*':
      return numbers ? (x as number) * (y as number) : null;
    case '/':
      return numbers ? (x as number) / (y as number) : null;
    default:
      return null;
  }
}

function isNumber(value: unknown): boolean {
  const kind = kindOf(value);
  return kind === 'int' || kind === 'float';
}

const FILTER_PRECEDENCE: ReadonlyArray<readonly string[]> = [
  ['||'],
  ['&&'],
  ['==', '!=', '<=', '>=', '<', '>', '=~', 'in'],
  ['+', '-'],
  ['*', '/'],
];

class PathParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  private fail(what: string): JsonPathError {
    return new JsonPathError(
      `invalid JSONPath ${JSON.stringify(this.text)}: ${what} at position ${this.pos}`,
    );
  }

  parseRoot(): Step[] {
    this.skipSpaces();
    if (this.text[this.pos] !== '$') throw this.fail('expected `$`');
    this.pos++;
    const steps = this.parseSteps();
    this.skipSpaces();
    if (this.pos < this.text.length) throw this.fail(`unexpected \`${this.text[this.pos]}\``);
    return steps;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private parseSteps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '.' && this.text[this.pos + 1] === '.') {
        this.pos += 2;
        if (this.text[this.pos] === '*') {
          this.pos++;
          steps.push({ type: 'recursive', key: undefined });
        } else if (this.text[this.pos] === '[') {
          steps.push({ type: 'recursive', key: undefined }, this.parseBracket());
        } else {
          steps.push({ type: 'recursive', key: this.parseName() });
        }
      } else if (ch === '.') {
        this.pos++;
        if (this.text[this.pos] === '*') {
          this.pos++;
          steps.push({ type: 'wildcard' });
        } else {
          steps.push({ type: 'key', key: this.parseName() });
        }
      } else if (ch === '[') {
        steps.push(this.parseBracket());
      } else {
        return steps;
      }
    }
  }

  private parseName(): string {
    const match = /^[^.[\]()\s=!<>&|,'"]+/u.exec(this.text.slice(this.pos));
    if (match === null) throw this.fail('expected a key name');
    this.pos += match[0].length;
    return match[0];
  }

  private parseBracket(): Step {
    this.pos++;
    this.skipSpaces();
    const ch = this.text[this.pos];
    let step: Step;
    if (ch === '*') {
      this.pos++;
      step = { type: 'wildcard' };
    } else if (ch === '?') {
      this.pos++;
      if (this.text[this.pos] !== '(') throw this.fail('expected `(` after `?`');
      this.pos++;
      const expression = this.parseFilter(0);
      this.skipSpaces();
      if (this.text[this.pos] !== ')') throw this.fail('expected `)` to close the filter');
      this.pos++;
      step = { type: 'filter', expression };
    } else {
      step = this.parseSubscript();
    }
    this.skipSpaces();
    if (this.text[this.pos] !== ']') throw this.fail('expected `]`');
    this.pos++;
    return step;
  }

  private parseSubscript(): Step {
    const items: Array<string | number | undefined> = [];
    let separator: ',' | ':' | undefined;
    for (;;) {
      this.skipSpaces();
      items.push(this.parseSubscriptItem());
      this.skipSpaces();
      const ch = this.text[this.pos];
      if (ch !== ',' && ch !== ':') break;
      if (separator !== undefined && separator !== ch) throw this.fail('cannot mix `,` and `:`');
      separator = ch;
      this.pos++;
    }
    if (separator === ':') {
      if (items.length > 3 || items.some((item) => typeof item === 'string'))
        throw this.fail('invalid range');
      const [from, to, step] = items as Array<number | undefined>;
      return { type: 'range', from, to, step };
    }
    if (items.some((item) => item === undefined)) throw this.fail('expected an index or a quoted key');
    const defined = items as Array<string | number>;
    if (defined.length === 1) {
      const [only] = defined;
      return typeof only === 'number' ? { type: 'index', index: only } : { type: 'key', key: only as string };
    }
    return { type: 'union', items: defined };
  }

  private parseSubscriptItem(): string | number | undefined {
    const ch = this.text[this.pos];
    if (ch === "'" || ch === '"') return this.parseQuoted();
    const match = /^-?\d+/u.exec(this.text.slice(this.pos));
    if (match === null) return undefined;
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private parseQuoted(): string {
    const quote = this.text[this.pos];
    let out = '';
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      if (this.text[this.pos] === '\\') this.pos++;
      out += this.text[this.pos] ?? '';
      this.pos++;
    }
    if (this.text[this.pos] !== quote) throw this.fail('unterminated string');
    this.pos++;
    return out;
  }

  private parseFilter(level: number): FilterExpr {
    const ops = FILTER_PRECEDENCE[level];
    if (ops === undefined) return this.parseFilterAtom();
    let left = this.parseFilter(level + 1);
    for (;;) {
      this.skipSpaces();
      const op = ops.find((candidate) => this.text.startsWith(candidate, this.pos));
      if (op === undefined) return left;
      this.pos += op.length;
      left = { type: 'binary', op, left, right: this.parseFilter(level + 1) };
    }
  }

  private parseFilterAtom(): FilterExpr {
    this.skipSpaces();
    const ch = this.text[this.pos];
    if (ch === '!') {
      this.pos++;
      return { type: 'not', operand: this.parseFilterAtom() };
    }
    if (ch === '(') {
      this.pos++;
      const inner = this.parseFilter(0);
      this.skipSpaces();
      if (this.text[this.pos] !== ')') throw this.fail('expected `)`');
      this.pos++;
      return inner;
    }
    if (ch === '@' || ch === '$') {
      this.pos++;
      return { type: 'path', root: ch, steps: this.parseSteps() };
    }
    if (ch === "'" || ch === '"') return { type: 'literal', value: this.parseQuoted() };
    const rest = this.text.slice(this.pos);
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/u.exec(rest);
    if (number !== null) {
      this.pos += number[0].length;
      return { type: 'literal', value: Number(number[0]) };
    }
    const word = /^(true|false|null|nil)\b/u.exec(rest);
    if (word !== null) {
      this.pos += word[0].length;
      return { type: 'literal', value: word[0] === 'true' ? true : word[0] === 'false' ? false : null };
    }
    throw this.fail('expected a value in the filter');
  }
}
