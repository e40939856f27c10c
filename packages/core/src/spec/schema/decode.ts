import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, Scalar } from 'yaml';
import type { Diagnostic, SourceRange } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/suggest';
import type { ScalarStyle, SourceMap, ValueSource } from '../source-map';
import { type Locate, rangeFromOffsets } from '../yaml/parse-yaml';
import { describeSchema, type ObjectSchema, type Schema } from './schema';

/** What decoding needs besides the node: where it is, and where to put positions and findings. */
export interface DecodeContext {
  readonly file: string;
  /** Needed only to resolve aliases; the fast path never produces any. */
  readonly document?: Document.Parsed;
  readonly locate: Locate;
  readonly sourceMap: SourceMap;
  readonly diagnostics: Diagnostic[];
}

const MAX_ALIAS_DEPTH = 32;

/**
 * Decodes a YAML node into plain data shaped by `schema`, reporting every mismatch with its position.
 * A value that does not fit is dropped (undefined) after its diagnostic, so one mistake gives one message.
 */
export function decodeObject<T>(
  node: Node | null,
  schema: ObjectSchema<T>,
  ctx: DecodeContext,
): T | undefined {
  return decodeNode(node, schema as Schema, ctx, schema.name, 0) as T | undefined;
}

function decodeNode(
  node: Node | null,
  schema: Schema,
  ctx: DecodeContext,
  where: string,
  depth: number,
): unknown {
  const resolved = resolveAlias(node, ctx, depth);
  if (resolved === null) return undefined;
  if (isScalar(resolved) && resolved.value === null) return undefined;
  switch (schema.kind) {
    case 'lazy':
      return decodeNode(resolved, schema.get(), ctx, where, depth);
    case 'object':
      return decodeMapAsObject(resolved, schema, ctx, where, depth);
    case 'map':
      return decodeMap(resolved, schema.value, ctx, where, depth);
    case 'list':
      return decodeList(resolved, schema.item, ctx, where, depth);
    case 'any':
      return toPlain(resolved, ctx, depth);
    default:
      return decodeScalar(resolved, schema, ctx, where);
  }
}

function resolveAlias(node: Node | null, ctx: DecodeContext, depth: number): Node | null {
  let current: Node | null | undefined = node;
  for (let hops = 0; current && isAlias(current); hops++) {
    if (hops > MAX_ALIAS_DEPTH || depth > 200) return null;
    current = ctx.document ? (current.resolve(ctx.document) as Node | undefined) : undefined;
  }
  return current ?? null;
}

function rangeOf(node: Node, ctx: DecodeContext): SourceRange {
  const [start, end] = node.range ?? [0, 0];
  return rangeFromOffsets(ctx.file, ctx.locate, start, end);
}

function kindOf(node: Node): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'string') return `the string \`${value}\``;
    if (typeof value === 'number' || typeof value === 'bigint') return `the number \`${String(value)}\``;
    if (typeof value === 'boolean') return `the boolean \`${String(value)}\``;
  }
  return 'a value of another type';
}

function mismatch(node: Node, schema: Schema, ctx: DecodeContext, where: string, hint?: string): undefined {
  ctx.diagnostics.push({
    severity: 'error',
    code: 'SLIPWAY_SPEC_TYPE',
    message: `\`${where}\` must be ${describeSchema(schema)}, found ${kindOf(node)}`,
    range: rangeOf(node, ctx),
    ...(hint ? { suggestion: hint } : {}),
  });
  return undefined;
}

function styleOf(node: Scalar): ScalarStyle {
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
      return 'single-quoted';
    case Scalar.QUOTE_DOUBLE:
      return 'double-quoted';
    case Scalar.BLOCK_LITERAL:
      return 'literal';
    case Scalar.BLOCK_FOLDED:
      return 'folded';
    default:
      return 'plain';
  }
}

/**
 * Where a value came from, with its line/column ranges worked out only when a diagnostic asks for them:
 * most values never need one, and a 10,000-task workflow has hundreds of thousands of values.
 */
class LazySource implements ValueSource {
  #range?: SourceRange;
  #keyRange?: SourceRange;

  constructor(
    private readonly ctx: DecodeContext,
    private readonly span: readonly [number, number],
    private readonly keySpan: readonly [number, number] | undefined,
    readonly style: ScalarStyle | undefined,
    readonly raw: string | undefined,
  ) {}

  get range(): SourceRange {
    this.#range ??= rangeFromOffsets(this.ctx.file, this.ctx.locate, this.span[0], this.span[1]);
    return this.#range;
  }

  get keyRange(): SourceRange | undefined {
    if (!this.keySpan) return undefined;
    this.#keyRange ??= rangeFromOffsets(this.ctx.file, this.ctx.locate, this.keySpan[0], this.keySpan[1]);
    return this.#keyRange;
  }
}

/** The source record for a node: its range and, for scalars, how it was written. */
function sourceOf(node: Node, ctx: DecodeContext, keyNode?: Node | null): ValueSource {
  const span = node.range ?? [0, 0];
  const keySpan = keyNode?.range ?? undefined;
  if (isScalar(node)) {
    return new LazySource(
      ctx,
      [span[0], span[1]],
      keySpan && [keySpan[0], keySpan[1]],
      styleOf(node),
      node.source ?? String(node.value),
    );
  }
  return new LazySource(ctx, [span[0], span[1]], keySpan && [keySpan[0], keySpan[1]], undefined, undefined);
}

function decodeScalar(node: Node, schema: Schema, ctx: DecodeContext, where: string): unknown {
  if (!isScalar(node)) return mismatch(node, schema, ctx, where);
  const value = node.value;
  switch (schema.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      return mismatch(node, schema, ctx, where, `quote it: "${node.source ?? String(value)}"`);
    case 'enum':
      if (typeof value !== 'string') return mismatch(node, schema, ctx, where);
      if (schema.values.includes(value) || value.includes('{{')) return value;
      ctx.diagnostics.push({
        severity: 'error',
        code: 'SLIPWAY_SPEC_ENUM',
        message: `\`${where}\` must be ${describeSchema(schema)}, found \`${value}\``,
        range: rangeOf(node, ctx),
        ...optionalSuggestion(didYouMean(value, schema.values)),
      });
      return undefined;
    case 'anyString':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
      return mismatch(node, schema, ctx, where);
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      return mismatch(node, schema, ctx, where);
    case 'number':
      if (typeof value === 'number') return value;
      return mismatch(node, schema, ctx, where);
    case 'bool':
      if (typeof value === 'boolean') return value;
      return mismatch(node, schema, ctx, where);
    case 'intOrString':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      return mismatch(node, schema, ctx, where);
    default:
      return mismatch(node, schema, ctx, where);
  }
}

function optionalSuggestion(suggestion: string | undefined): { suggestion?: string } {
  return suggestion === undefined ? {} : { suggestion };
}

function decodeMapAsObject(
  node: Node,
  schema: ObjectSchema<unknown>,
  ctx: DecodeContext,
  where: string,
  depth: number,
): unknown {
  if (!isMap(node)) return mismatch(node, schema as Schema, ctx, where);
  const result: Record<string, unknown> = {};
  ctx.sourceMap.setOwn(result, sourceOf(node, ctx));
  const seen = new Set<string>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const key = scalarKey(keyNode);
    if (key !== undefined && keyNode) warnDuplicate(seen, key, keyNode, ctx);
    if (key === undefined) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'SLIPWAY_SPEC_KEY',
        message: `keys of ${schema.name} must be field names`,
        range: keyNode ? rangeOf(keyNode, ctx) : rangeOf(node, ctx),
      });
      continue;
    }
    const fieldSchema = schema.fields[key];
    if (fieldSchema === undefined) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'SLIPWAY_SPEC_UNKNOWN_FIELD',
        message: `unknown field \`${key}\` in ${schema.name}`,
        range: keyNode ? rangeOf(keyNode, ctx) : rangeOf(node, ctx),
        ...optionalSuggestion(didYouMean(key, Object.keys(schema.fields))),
      });
      continue;
    }
    const valueNode = resolveAlias((pair.value as Node | null) ?? null, ctx, depth);
    const value = decodeNode(valueNode, fieldSchema, ctx, key, depth + 1);
    // The key's position is kept even when its value was rejected, so later checks know it was written.
    if (valueNode) ctx.sourceMap.set(result, key, sourceOf(valueNode, ctx, keyNode));
    if (value === undefined) continue;
    result[key] = value;
  }
  // An object without a required field is reported and dropped, so the typed model never holds one.
  let complete = true;
  for (const field of schema.required) {
    if (result[field] !== undefined) continue;
    complete = false;
    if (hasKey(node, field)) continue;
    ctx.diagnostics.push({
      severity: 'error',
      code: 'SLIPWAY_SPEC_REQUIRED',
      message: `${schema.name} is missing the required field \`${field}\``,
      range: rangeOf(node, ctx),
    });
  }
  return complete ? result : undefined;
}

// go-yaml keeps the last of duplicate keys without a word; the value kept is the same here, with a warning.
function warnDuplicate(seen: Set<string>, key: string, keyNode: Node, ctx: DecodeContext): void {
  if (!seen.has(key)) {
    seen.add(key);
    return;
  }
  ctx.diagnostics.push({
    severity: 'warning',
    code: 'SLIPWAY_SPEC_DUPLICATE_KEY',
    message: `duplicate key \`${key}\`: this later value replaces the earlier one`,
    range: rangeOf(keyNode, ctx),
  });
}

function hasKey(node: Node, field: string): boolean {
  return isMap(node) && node.items.some((pair) => scalarKey(pair.key as Node | null) === field);
}

function scalarKey(node: Node | null): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function decodeMap(
  node: Node,
  valueSchema: Schema,
  ctx: DecodeContext,
  where: string,
  depth: number,
): unknown {
  if (!isMap(node)) return mismatch(node, { kind: 'map', value: valueSchema }, ctx, where);
  const result: Record<string, unknown> = {};
  ctx.sourceMap.setOwn(result, sourceOf(node, ctx));
  const seen = new Set<string>();
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const key = scalarKey(keyNode);
    if (key !== undefined && keyNode) warnDuplicate(seen, key, keyNode, ctx);
    if (key === undefined) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'SLIPWAY_SPEC_KEY',
        message: `keys of \`${where}\` must be strings`,
        range: keyNode ? rangeOf(keyNode, ctx) : rangeOf(node, ctx),
      });
      continue;
    }
    const valueNode = resolveAlias((pair.value as Node | null) ?? null, ctx, depth);
    const value = decodeNode(valueNode, valueSchema, ctx, `${where}.${key}`, depth + 1);
    if (value === undefined) continue;
    result[key] = value;
    if (valueNode) ctx.sourceMap.set(result, key, sourceOf(valueNode, ctx, keyNode));
  }
  return result;
}

function decodeList(
  node: Node,
  itemSchema: Schema,
  ctx: DecodeContext,
  where: string,
  depth: number,
): unknown {
  if (!isSeq(node)) return mismatch(node, { kind: 'list', item: itemSchema }, ctx, where);
  const result: unknown[] = [];
  ctx.sourceMap.setOwn(result, sourceOf(node, ctx));
  for (const item of node.items) {
    const itemNode = resolveAlias((item as Node | null) ?? null, ctx, depth);
    const value = decodeNode(itemNode, itemSchema, ctx, `${where}[${result.length}]`, depth + 1);
    if (value === undefined) continue;
    if (itemNode) ctx.sourceMap.set(result, result.length, sourceOf(itemNode, ctx));
    result.push(value);
  }
  return result;
}

/** Free-form values (loop items, plugin configuration) are kept as plain JSON data, positions included. */
function toPlain(node: Node, ctx: DecodeContext, depth: number): unknown {
  if (depth > 200) return undefined;
  if (isScalar(node)) {
    const value = node.value;
    return typeof value === 'bigint' ? Number(value) : value;
  }
  if (isSeq(node)) {
    const result: unknown[] = [];
    ctx.sourceMap.setOwn(result, sourceOf(node, ctx));
    for (const item of node.items) {
      const itemNode = resolveAlias((item as Node | null) ?? null, ctx, depth);
      if (itemNode) ctx.sourceMap.set(result, result.length, sourceOf(itemNode, ctx));
      result.push(itemNode ? toPlain(itemNode, ctx, depth + 1) : null);
    }
    return result;
  }
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    ctx.sourceMap.setOwn(result, sourceOf(node, ctx));
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = scalarKey(keyNode) ?? (keyNode ? String(keyNode) : '');
      const valueNode = resolveAlias((pair.value as Node | null) ?? null, ctx, depth);
      if (valueNode) ctx.sourceMap.set(result, key, sourceOf(valueNode, ctx, keyNode));
      result[key] = valueNode ? toPlain(valueNode, ctx, depth + 1) : null;
    }
    return result;
  }
  return null;
}
