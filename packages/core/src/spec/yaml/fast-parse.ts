import jsyaml from 'js-yaml';
import { Document, LineCounter, type Node, Pair, Scalar, type Tags, YAMLMap, YAMLSeq } from 'yaml';

/** Documents composed by the fast path: the root node of each, and a line index of the text. */
export interface FastParse {
  readonly roots: (Node | null)[];
  readonly lineCounter: LineCounter;
}

interface Frame {
  readonly open: number;
  readonly children: Built[];
}

interface Built {
  readonly node: Node | null;
  readonly start: number;
  readonly end: number;
  readonly kind: string | null;
  readonly result: unknown;
}

// Anchors, aliases, merge keys and explicit tags change what a node means in ways the event stream does not
// show; such files take the complete (slower) path.
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])(?:[&*][\w.-]|![\w!<])|<<\s*:|^%/m;

/** Resolves plain scalars exactly as the complete path's YAML 1.1 schema does. */
type PlainResolver = (text: string) => unknown;

function plainResolver(customTags: (tags: Tags) => Tags): PlainResolver {
  const schema = new Document(null, { version: '1.1', customTags }).schema;
  const tags = schema.tags.filter((tag) => tag.default === true && 'test' in tag && tag.test);
  return (text) => {
    for (const tag of tags) {
      if ('test' in tag && tag.test?.test(text) && tag.resolve) {
        const resolved = tag.resolve(text, () => {}, { intAsBigInt: false } as never);
        // Some tags (the YAML 1.1 booleans) resolve to a Scalar rather than a plain value.
        return resolved instanceof Scalar ? resolved.value : resolved;
      }
    }
    return text;
  };
}

let cachedResolver: { tags: (tags: Tags) => Tags; resolve: PlainResolver } | undefined;

/**
 * Composes YAML with js-yaml, about ten times faster than the complete parser on large files, and rebuilds the
 * node tree (with source ranges and scalar styles) from its events. Returns undefined for anything it cannot
 * represent faithfully (a syntax error, duplicate keys, anchors, tags), and the caller uses the complete path.
 */
export function fastParse(text: string, customTags: (tags: Tags) => Tags): FastParse | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  if (cachedResolver?.tags !== customTags)
    cachedResolver = { tags: customTags, resolve: plainResolver(customTags) };
  const resolvePlain = cachedResolver.resolve;
  const roots: (Node | null)[] = [];
  const stack: Frame[] = [];
  let consistent = true;
  const listener = (event: string, state: { position: number; kind: string | null; result: unknown }) => {
    if (event === 'open') {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop();
    if (!frame) {
      consistent = false;
      return;
    }
    const built = build(text, frame, state.kind, state.result, state.position, resolvePlain);
    if (!built) consistent = false;
    const parent = stack[stack.length - 1];
    if (parent) {
      if (built) parent.children.push(built);
    } else {
      roots.push(built?.node ?? null);
    }
  };
  try {
    jsyaml.loadAll(text, undefined, { schema: jsyaml.FAILSAFE_SCHEMA, listener } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  if (!consistent || stack.length > 0) return undefined;
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return { roots, lineCounter };
}

function skipSpace(text: string, from: number, to: number): number {
  let at = from;
  while (at < to) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 9 || c === 10 || c === 13) at++;
    else if (c === 35) {
      const eol = text.indexOf('\n', at);
      at = eol === -1 ? to : eol + 1;
    } else break;
  }
  return at;
}

function build(
  text: string,
  frame: Frame,
  kind: string | null,
  result: unknown,
  end: number,
  resolvePlain: PlainResolver,
): Built | undefined {
  const start = skipSpace(text, frame.open, end);
  // A block node is first tried as a mapping; when its first "key" has no colon, js-yaml keeps that node as
  // the result, so the event wraps a single child that is the node itself.
  const only = frame.children[0];
  if (frame.children.length === 1 && only && only.kind === kind && only.result === result) return only;
  if (kind === 'scalar' || kind === null) {
    if (frame.children.length > 0) return undefined;
    if (kind === null) return { node: null, start, end, kind, result: null };
    // js-yaml folds multi-line quoted scalars differently from go-yaml (it keeps trailing spaces); the complete
    // parser folds them as the YAML spec and go-yaml do.
    const quote = text[start];
    if ((quote === '"' || quote === "'") && text.slice(start, end).includes('\n')) return undefined;
    return { node: scalarNode(text, start, end, String(result), resolvePlain), start, end, kind, result };
  }
  if (kind === 'sequence') {
    const seq = new YAMLSeq();
    seq.items = frame.children.map((child) => child.node ?? new Scalar(null));
    seq.range = [start, end, end];
    return { node: seq, start, end, kind, result };
  }
  if (kind === 'mapping') {
    const map = new YAMLMap();
    const children = frame.children;
    for (let i = 0; i < children.length; i++) {
      const key = children[i]!;
      if (!isKey(text, key.end)) return undefined;
      const next = children[i + 1];
      const value = next && !isKey(text, next.end) ? next : undefined;
      if (value) i++;
      map.items.push(new Pair(key.node, value?.node ?? null));
    }
    map.range = [start, end, end];
    return { node: map, start, end, kind, result };
  }
  return undefined;
}

/** A mapping key is followed, on its own line, by `:`; a value never is. */
function isKey(text: string, end: number): boolean {
  let at = end;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return text.charCodeAt(at) === 58;
}

function scalarNode(
  text: string,
  start: number,
  end: number,
  value: string,
  resolvePlain: PlainResolver,
): Scalar {
  const first = text[start];
  const scalar =
    first === '"'
      ? Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE })
      : first === "'"
        ? Object.assign(new Scalar(value), { type: Scalar.QUOTE_SINGLE })
        : first === '|'
          ? Object.assign(new Scalar(value), { type: Scalar.BLOCK_LITERAL })
          : first === '>'
            ? Object.assign(new Scalar(value), { type: Scalar.BLOCK_FOLDED })
            : Object.assign(new Scalar(resolvePlain(value)), { type: Scalar.PLAIN });
  scalar.range = [start, end, end];
  scalar.source = value;
  return scalar;
}
