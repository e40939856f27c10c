/** The variable name a simple tag refers to, and where whitespace appears in it. */
export interface SimpleTagName {
  /** The inner text with surrounding whitespace removed: what Argo looks up. */
  readonly name: string;
  /** Whitespace before or after the name, as in `{{ inputs.parameters.x }}`; Argo trims it. */
  readonly hasOuterWhitespace: boolean;
  /**
   * Whitespace inside the name, as in `{{inputs.   parameters.x}}`; Argo looks the name up verbatim, finds
   * nothing and leaves the tag unresolved.
   */
  readonly hasInnerWhitespace: boolean;
  /** The name with every whitespace character removed, the likely intended name when `hasInnerWhitespace`. */
  readonly compact: string;
  /** Offset of `name` within the inner text, to locate diagnostics. */
  readonly offset: number;
}

const WHITESPACE = /\s/u;

/** Read the variable name of a simple tag from its inner text (the part between `{{` and `}}`). */
export function simpleTagName(inner: string): SimpleTagName {
  const name = inner.trim();
  const offset = name === '' ? 0 : inner.indexOf(name);
  return {
    name,
    hasOuterWhitespace: name.length !== inner.length,
    hasInnerWhitespace: WHITESPACE.test(name),
    compact: name.replace(/\s+/gu, ''),
    offset,
  };
}
