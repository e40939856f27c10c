import type { WhenBinary, WhenNode, WhenSpan, WhenUnary } from './ast';
import { WhenEvalError } from './errors';
import { compareCodePoints } from './go-chars';
import { goFloatToInt64, goFloatToUint64, goPow } from './go-number';
import { compileGoRegexp, GoRegexpError } from './go-regexp';
import { parseWhen } from './parser';
import { describeWhenValue, formatWhenValue, GoPattern, type WhenValue, whenValuesEqual } from './values';

function fail(message: string, span: WhenSpan): never {
  throw new WhenEvalError(message, span.offset, span.length);
}

function toPattern(value: string, span: WhenSpan): GoPattern {
  try {
    return new GoPattern(value, compileGoRegexp(value));
  } catch (error) {
    if (!(error instanceof GoRegexpError)) throw error;
    return fail(`cannot compile the regular expression '${value}': ${error.message}`, span);
  }
}

// A bare word glued to a `-` or `/` (`my-value`, `a/b`) is arithmetic to govaluate; say so in the error.
function gluedWordHint(node: WhenBinary): string {
  const { left, right } = node;
  const glued =
    left.offset + left.length === node.operatorOffset &&
    node.operatorOffset + node.operator.length === right.offset;
  if (!glued || (left.type !== 'word' && right.type !== 'word')) return '';
  return ` (govaluate splits a bare word at \`${node.operator}\`; quote the text to compare it as a whole)`;
}

function requireNumber(value: WhenValue, span: WhenSpan, node: WhenBinary, side: string): number {
  if (typeof value === 'number') return value;
  return fail(
    `\`${node.operator}\` needs numbers, but its ${side} side is ${describeWhenValue(value)}${gluedWordHint(node)}`,
    span,
  );
}

function requireBoolean(value: WhenValue, span: WhenSpan, operator: string, side: string): boolean {
  if (typeof value === 'boolean') return value;
  return fail(`\`${operator}\` needs booleans, but its ${side} side is ${describeWhenValue(value)}`, span);
}

function evaluateUnary(node: WhenUnary): WhenValue {
  const value = evaluateWhenNode(node.operand);
  if (node.operator === '!') {
    if (typeof value === 'boolean') return !value;
    return fail(`\`!\` needs a boolean, found ${describeWhenValue(value)}`, node.operand);
  }
  if (typeof value !== 'number') {
    return fail(
      `prefix \`${node.operator}\` needs a number, found ${describeWhenValue(value)}`,
      node.operand,
    );
  }
  if (node.operator === '-') return -value;
  return Number(BigInt.asIntN(64, ~goFloatToInt64(value)));
}

function evaluateComparison(node: WhenBinary, left: WhenValue, right: WhenValue): boolean {
  switch (node.operator) {
    case '==':
      return whenValuesEqual(left, right);
    case '!=':
      return !whenValuesEqual(left, right);
    case '=~':
    case '!~': {
      if (typeof left !== 'string') {
        return fail(
          `\`${node.operator}\` needs a string on its left, found ${describeWhenValue(left)}`,
          node.left,
        );
      }
      let pattern: GoPattern;
      if (right instanceof GoPattern) pattern = right;
      else if (typeof right === 'string') pattern = toPattern(right, node.right);
      else
        return fail(
          `\`${node.operator}\` needs a pattern on its right, found ${describeWhenValue(right)}`,
          node.right,
        );
      return pattern.regex.test(left) === (node.operator === '=~');
    }
    case 'in': {
      if (!Array.isArray(right)) {
        return fail(
          `\`in\` needs a list on its right, such as \`x in ('a', 'b')\`, found ${describeWhenValue(right)}`,
          node.right,
        );
      }
      return right.some((item: WhenValue) => {
        // Go compares interface values with ==, which panics on two slices.
        if (Array.isArray(left) && Array.isArray(item))
          return fail('`in` cannot compare a list with a list', node);
        return left === item;
      });
    }
    default: {
      const bothNumbers = typeof left === 'number' && typeof right === 'number';
      const bothStrings = typeof left === 'string' && typeof right === 'string';
      if (!bothNumbers && !bothStrings) {
        return fail(
          `\`${node.operator}\` compares two numbers or two strings, not ${describeWhenValue(left)} and ${describeWhenValue(right)}`,
          node,
        );
      }
      // Comparing numbers directly keeps Go's results for infinities and NaN (every NaN comparison is false).
      const [a, b] = bothNumbers
        ? [left as number, right as number]
        : [compareCodePoints(String(left), String(right)), 0];
      if (node.operator === '<') return a < b;
      if (node.operator === '<=') return a <= b;
      if (node.operator === '>') return a > b;
      return a >= b;
    }
  }
}

function evaluateArithmetic(node: WhenBinary, left: WhenValue, right: WhenValue): number | string {
  if (node.operator === '+') {
    if (typeof left === 'number' && typeof right === 'number') return left + right;
    if (typeof left === 'string' || typeof right === 'string')
      return formatWhenValue(left) + formatWhenValue(right);
    return fail(
      `\`+\` adds numbers or joins strings, not ${describeWhenValue(left)} and ${describeWhenValue(right)}`,
      node,
    );
  }
  const l = requireNumber(left, node.left, node, 'left');
  const r = requireNumber(right, node.right, node, 'right');
  switch (node.operator) {
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r;
    case '**':
      return goPow(l, r);
    case '&':
      return Number(BigInt.asIntN(64, goFloatToInt64(l) & goFloatToInt64(r)));
    case '|':
      return Number(BigInt.asIntN(64, goFloatToInt64(l) | goFloatToInt64(r)));
    case '^':
      return Number(BigInt.asIntN(64, goFloatToInt64(l) ^ goFloatToInt64(r)));
    default: {
      const value = goFloatToUint64(l);
      const shift = goFloatToUint64(r);
      if (shift >= 64n) return 0;
      return Number(node.operator === '<<' ? BigInt.asUintN(64, value << shift) : value >> shift);
    }
  }
}

function evaluateBinary(node: WhenBinary): WhenValue {
  const left = evaluateWhenNode(node.left);
  // govaluate short-circuits these before looking at the right-hand side at all.
  switch (node.operator) {
    case '&&':
      if (left === false) return false;
      break;
    case '||':
      if (left === true) return true;
      break;
    case '?':
      if (left === false) return null;
      break;
    case ':':
    case '??':
      if (left !== null) return left;
      return evaluateWhenNode(node.right);
  }
  const right = evaluateWhenNode(node.right);
  switch (node.operator) {
    case '&&':
    case '||': {
      const l = requireBoolean(left, node.left, node.operator, 'left');
      const r = requireBoolean(right, node.right, node.operator, 'right');
      return node.operator === '&&' ? l && r : l || r;
    }
    case '?':
      if (left !== true)
        return fail(`\`?\` needs a boolean on its left, found ${describeWhenValue(left)}`, node.left);
      return right;
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '=~':
    case '!~':
    case 'in':
      return evaluateComparison(node, left, right);
    default:
      return evaluateArithmetic(node, left, right);
  }
}

/** Evaluates a parsed `when` AST with govaluate's semantics; throws WhenEvalError for runtime type errors. */
export function evaluateWhenNode(node: WhenNode): WhenValue {
  switch (node.type) {
    case 'number':
    case 'boolean':
    case 'time':
      return node.value;
    case 'string':
      return node.pattern ? toPattern(node.value, node) : node.value;
    case 'word':
      if (node.template) return fail('a `{{…}}` tag placeholder has no value; substitute tags first', node);
      return node.pattern ? toPattern(node.value, node) : node.value;
    case 'accessor': {
      if (node.args) evaluateWhenNode(node.args);
      const [head] = node.path;
      return fail(
        `govaluate reads \`${node.path.join('.')}\` as a field of a parameter named \`${head}\`, and \`when\` ` +
          'expressions have no parameters; quote it to use it as text',
        node,
      );
    }
    case 'group':
      return evaluateWhenNode(node.expression);
    case 'list': {
      // govaluate builds lists pairwise and splices only a list on the left: ((1, 2), 3) is [1 2 3].
      let list: WhenValue = evaluateWhenNode(node.items[0] as WhenNode);
      for (const item of node.items.slice(1)) {
        const value = evaluateWhenNode(item);
        list = Array.isArray(list) ? [...list, value] : [list, value];
      }
      return list;
    }
    case 'unary':
      return evaluateUnary(node);
    case 'binary':
      return evaluateBinary(node);
  }
}

/**
 * Decides a substituted `when` expression as Argo's shouldExecute does: an empty expression is true, and
 * the result must be a boolean.
 */
export function evaluateWhen(expression: string): boolean {
  if (expression === '') return true;
  const ast = parseWhen(expression);
  const result = evaluateWhenNode(ast);
  if (typeof result === 'boolean') return result;
  return fail(
    `a \`when\` expression must evaluate to true or false, but \`${expression}\` evaluates to ${describeWhenValue(result)}`,
    ast,
  );
}
