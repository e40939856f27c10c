import type { WhenNode } from './ast';
import { WhenSyntaxError } from './errors';
import { tokenizeWhen } from './lexer';
import { parseWhenTokens } from './parser';

/** A `{{…}}` or `{{=…}}` tag found in a raw `when` string. */
export interface WhenTemplateTag {
  readonly offset: number;
  readonly length: number;
  /** The tag's full text, braces included. */
  readonly text: string;
  /** True for an expr-lang tag, `{{= … }}`. */
  readonly expression: boolean;
}

/** Outcome of checkWhenTemplate: the AST with placeholder words, or the syntax error, plus the tags found. */
export type WhenTemplateCheck =
  | { readonly ok: true; readonly ast: WhenNode | undefined; readonly tags: readonly WhenTemplateTag[] }
  | { readonly ok: false; readonly error: WhenSyntaxError; readonly tags: readonly WhenTemplateTag[] };

// A minimal scanner: Argo's template engine ends a tag at the first `}}`, and so does this.
function findTags(text: string): WhenTemplateTag[] {
  const tags: WhenTemplateTag[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return tags;
    const close = text.indexOf('}}', start + 2);
    if (close < 0)
      throw new WhenSyntaxError('unclosed template tag: expected `}}` after this `{{`', start, 2);
    const length = close + 2 - start;
    const tagText = text.slice(start, close + 2);
    tags.push({ offset: start, length, text: tagText, expression: /^\{\{\s*=/.test(tagText) });
    from = close + 2;
  }
}

/**
 * Checks a raw `when` string before substitution: each tag is replaced by a placeholder word of the same
 * length (so offsets point into the original text) that may stand for any value, then the result is parsed.
 * An empty string is fine: Argo treats it as "always run".
 */
export function checkWhenTemplate(whenText: string): WhenTemplateCheck {
  let tags: WhenTemplateTag[] = [];
  try {
    tags = findTags(whenText);
    if (whenText === '') return { ok: true, ast: undefined, tags };
    let blanked = whenText;
    for (const tag of tags) {
      // Letters only, so quotes or operators inside the tag cannot leak into the surrounding expression.
      blanked =
        blanked.slice(0, tag.offset) + 'X'.repeat(tag.length) + blanked.slice(tag.offset + tag.length);
    }
    // Lex the blanked text but quote the original in messages; offsets are the same in both.
    return { ok: true, ast: parseWhenTokens(whenText, tokenizeWhen(blanked, tags)), tags };
  } catch (error) {
    if (error instanceof WhenSyntaxError) return { ok: false, error, tags };
    throw error;
  }
}
