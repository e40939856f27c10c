/** The two kinds of template tag Argo knows: `{{name}}` and `{{=expression}}`. */
export type TagKind = 'simple' | 'expression';

/** One `{{…}}` occurrence in a template string, with exact offsets into that string. */
export interface TemplateTag {
  readonly kind: TagKind;
  /** The whole tag, braces included, exactly as written. */
  readonly raw: string;
  /** The text between the braces; for expression tags the leading `=` is not included. */
  readonly inner: string;
  /** Offset of the first `{` of the tag. */
  readonly start: number;
  /** Offset just past the closing `}}`. */
  readonly end: number;
  /** Offset of the first character of `inner`. */
  readonly innerStart: number;
}

/** A run of text between tags that is copied verbatim. */
export interface LiteralSegment {
  readonly type: 'literal';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A tag in the sequence of segments that make up a template. */
export interface TagSegment {
  readonly type: 'tag';
  readonly tag: TemplateTag;
}

/** Literal text or a tag; concatenating every segment's source gives back the template. */
export type TemplateSegment = LiteralSegment | TagSegment;

/** Stable codes of the problems `scanTemplate` reports. */
export const TAG_PROBLEM_CODES = {
  /** `{{` with no `}}` after it; Argo rejects the whole template. */
  unterminated: 'SLIPWAY_TAG_UNTERMINATED',
  /** `{{}}`, `{{ }}` or `{{=}}`: nothing to substitute. */
  empty: 'SLIPWAY_TAG_EMPTY',
  /** An expression whose own `}` was taken as the end of the tag, as in `{{={a: 1}}}`. */
  splitBrace: 'SLIPWAY_TAG_SPLIT_BRACE',
} as const;

/** One of the codes in `TAG_PROBLEM_CODES`. */
export type TagProblemCode = (typeof TAG_PROBLEM_CODES)[keyof typeof TAG_PROBLEM_CODES];

/** Something wrong with the tag structure of a template, located by offset and length in the template. */
export interface TagProblem {
  readonly code: TagProblemCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** The result of splitting a template string into literal text and tags. */
export interface TemplateScan {
  readonly segments: readonly TemplateSegment[];
  readonly tags: readonly TemplateTag[];
  readonly problems: readonly TagProblem[];
}
