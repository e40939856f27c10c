import { scanTemplate } from './scan';
import type { TagProblem, TemplateTag } from './types';

/** Resolves one tag to its replacement text, or `undefined` to leave the tag as written. */
export type TagResolver = (tag: TemplateTag) => string | undefined;

/** How `substituteTemplate` treats expression tags and nested simple tags. */
export interface SubstituteOptions {
  /** Resolver for `{{=…}}` tags; without one they are left as written. */
  readonly expression?: TagResolver;
  /**
   * Resolve the innermost tag of `{{a.{{b}}.c}}` when the whole name is unknown, producing `{{a.<b>.c}}` for a
   * later pass, as Argo does. On by default.
   */
  readonly nested?: boolean;
}

/** The substituted text and the tags that were left in it. */
export interface SubstitutionResult {
  readonly text: string;
  /** Tags whose resolver returned `undefined`, in template order. */
  readonly unresolved: readonly TemplateTag[];
  /** Structural problems found while scanning (an unterminated `{{` leaves the rest of the text as is). */
  readonly problems: readonly TagProblem[];
}

/**
 * Replace the tags of `text` by what the resolvers return. Values are inserted verbatim: Argo's JSON escaping
 * of replacements only undoes the JSON encoding of the surrounding document, which Slipway never does.
 */
export function substituteTemplate(
  text: string,
  resolve: TagResolver,
  options: SubstituteOptions = {},
): SubstitutionResult {
  const scan = scanTemplate(text);
  const unresolved: TemplateTag[] = [];
  let out = '';
  for (const segment of scan.segments) {
    if (segment.type === 'literal') {
      out += segment.text;
      continue;
    }
    const tag = segment.tag;
    const value = tag.kind === 'expression' ? options.expression?.(tag) : resolve(tag);
    if (value !== undefined) {
      out += value;
      continue;
    }
    const nested =
      tag.kind === 'simple' && options.nested !== false ? resolveNested(tag, resolve) : undefined;
    if (nested !== undefined) {
      out += nested;
      continue;
    }
    unresolved.push(tag);
    out += tag.raw;
  }
  return { text: out, unresolved, problems: scan.problems };
}

/** Argo's nested-tag rule: `{{prefix{{name}}` becomes `{{prefix<value>` when `name` resolves. */
function resolveNested(tag: TemplateTag, resolve: TagResolver): string | undefined {
  const index = tag.inner.lastIndexOf('{{');
  if (index <= 0) return undefined;
  const start = tag.innerStart + index;
  const nestedInner = tag.inner.slice(index + 2);
  const value = resolve({
    kind: 'simple',
    raw: `{{${nestedInner}}}`,
    inner: nestedInner,
    start,
    end: tag.end,
    innerStart: start + 2,
  });
  return value === undefined ? undefined : `{{${tag.inner.slice(0, index)}${value}`;
}
