/** Fields shared by every node: where its source text is in the expression. */
interface NodeBase {
  readonly offset: number;
  readonly length: number;
}

/** `nil`. */
export interface NilNode extends NodeBase {
  readonly kind: 'nil';
}

/** `true` / `false`. */
export interface BoolNode extends NodeBase {
  readonly kind: 'bool';
  readonly value: boolean;
}

/** An integer literal (decimal, hex, octal or binary). */
export interface IntegerNode extends NodeBase {
  readonly kind: 'integer';
  readonly value: number;
}

/** A literal with a fraction or exponent. */
export interface FloatNode extends NodeBase {
  readonly kind: 'float';
  readonly value: number;
}

/** A quoted or backquoted string, escapes already decoded. */
export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
}

/** A bare name: an environment variable or a `let` binding. */
export interface IdentifierNode extends NodeBase {
  readonly kind: 'identifier';
  readonly name: string;
}

/** `#` (the current element of a closure), `#index` or `#acc`. */
export interface PointerNode extends NodeBase {
  readonly kind: 'pointer';
  readonly name: '' | 'index' | 'acc';
}

/** `[a, b]`. */
export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly elements: readonly ExprNode[];
}

/** One `key: value` of a map literal; identifier and number keys are stored as string nodes. */
export interface MapEntry {
  readonly key: ExprNode;
  readonly value: ExprNode;
}

/** `{a: 1, "b": 2, (expr): 3}`. */
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
}

/** `a.b`, `a?.b`, `a[x]`, `a?.[x]`. For `.name` the property is a string node. */
export interface MemberNode extends NodeBase {
  readonly kind: 'member';
  readonly object: ExprNode;
  readonly property: ExprNode;
  readonly optional: boolean;
  /** True for `a[x]`, false for `a.x`. */
  readonly computed: boolean;
}

/** `a[from:to]` with either bound optional. */
export interface SliceNode extends NodeBase {
  readonly kind: 'slice';
  readonly object: ExprNode;
  readonly from: ExprNode | undefined;
  readonly to: ExprNode | undefined;
}

/** A call of something that is not a builtin: `asInt(x)`, `sprig.trim(x)`, `t.Seconds()`. */
export interface CallNode extends NodeBase {
  readonly kind: 'call';
  readonly callee: ExprNode;
  readonly args: readonly ExprNode[];
}

/** A call of an expr-lang builtin such as `len`, `filter`, `toJSON`. */
export interface BuiltinNode extends NodeBase {
  readonly kind: 'builtin';
  readonly name: string;
  readonly nameOffset: number;
  readonly args: readonly ExprNode[];
}

/** The closure argument of `filter`, `map`, `all`…: evaluated once per element with `#` bound. */
export interface PredicateNode extends NodeBase {
  readonly kind: 'predicate';
  readonly body: ExprNode;
}

/** Prefix operator. */
export interface UnaryNode extends NodeBase {
  readonly kind: 'unary';
  readonly operator: 'not' | '!' | '-' | '+';
  readonly operand: ExprNode;
}

/** Infix operator; `not in` and friends are a `not` unary around the positive form. */
export interface BinaryNode extends NodeBase {
  readonly kind: 'binary';
  readonly operator: string;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly operatorOffset: number;
  readonly operatorLength: number;
}

/** `a ? b : c`, `a ?: b` and `if a { b } else { c }`. */
export interface ConditionalNode extends NodeBase {
  readonly kind: 'conditional';
  readonly test: ExprNode;
  readonly consequent: ExprNode;
  readonly alternate: ExprNode;
}

/** `let name = value; body`. */
export interface LetNode extends NodeBase {
  readonly kind: 'let';
  readonly name: string;
  readonly nameOffset: number;
  readonly value: ExprNode;
  readonly body: ExprNode;
}

/** `a; b`: every expression runs, the last one is the value. */
export interface SequenceNode extends NodeBase {
  readonly kind: 'sequence';
  readonly expressions: readonly ExprNode[];
}

/** Any node of a parsed expression. */
export type ExprNode =
  | NilNode
  | BoolNode
  | IntegerNode
  | FloatNode
  | StringNode
  | IdentifierNode
  | PointerNode
  | ArrayNode
  | MapNode
  | MemberNode
  | SliceNode
  | CallNode
  | BuiltinNode
  | PredicateNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode
  | LetNode
  | SequenceNode;

/** The direct children of a node, in source order. */
export function childNodes(node: ExprNode): ExprNode[] {
  switch (node.kind) {
    case 'array':
      return [...node.elements];
    case 'map':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'member':
      return [node.object, node.property];
    case 'slice':
      return [node.object, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'call':
      return [node.callee, ...node.args];
    case 'builtin':
      return [...node.args];
    case 'predicate':
      return [node.body];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'let':
      return [node.value, node.body];
    case 'sequence':
      return [...node.expressions];
    default:
      return [];
  }
}
