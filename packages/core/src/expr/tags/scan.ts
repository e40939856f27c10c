import {
  TAG_PROBLEM_CODES,
  type TagProblem,
  type TemplateScan,
  type TemplateSegment,
  type TemplateTag,
} from './types';

const OPEN = '{{';
const CLOSE = '}}';

/**
 * Split a template string into literal text and `{{…}}` / `{{=…}}` tags.
 *
 * Tag boundaries follow Argo exactly (it uses valyala/fasttemplate): a tag starts at the next `{{` and ends at
 * the first `}}` after it, with no regard for quotes or nesting. So `{{= "}}" }}` ends inside the string
 * literal and `{{={a: 1}}}` ends before the map's closing brace, in Argo as here; a lenient scanner would
 * accept templates Argo rejects. The second case is reported as `SLIPWAY_TAG_SPLIT_BRACE` so the linter can
 * suggest `} }}`.
 */
export function scanTemplate(text: string): TemplateScan {
  const segments: TemplateSegment[] = [];
  const tags: TemplateTag[] = [];
  const problems: TagProblem[] = [];
  let cursor = 0;

  const pushLiteral = (start: number, end: number): void => {
    if (end > start) segments.push({ type: 'literal', text: text.slice(start, end), start, end });
  };

  for (;;) {
    const start = text.indexOf(OPEN, cursor);
    if (start < 0) break;
    const closeAt = text.indexOf(CLOSE, start + OPEN.length);
    if (closeAt < 0) {
      problems.push({
        code: TAG_PROBLEM_CODES.unterminated,
        severity: 'error',
        message: '`{{` is never closed by `}}`; Argo rejects the whole template',
        offset: start,
        length: OPEN.length,
      });
      break;
    }
    pushLiteral(cursor, start);
    const end = closeAt + CLOSE.length;
    const isExpression = text[start + OPEN.length] === '=';
    const innerStart = start + OPEN.length + (isExpression ? 1 : 0);
    const tag: TemplateTag = {
      kind: isExpression ? 'expression' : 'simple',
      raw: text.slice(start, end),
      inner: text.slice(innerStart, closeAt),
      start,
      end,
      innerStart,
    };
    tags.push(tag);
    segments.push({ type: 'tag', tag });
    checkTag(tag, text, problems);
    cursor = end;
  }
  pushLiteral(cursor, text.length);
  return { segments, tags, problems };
}

function checkTag(tag: TemplateTag, text: string, problems: TagProblem[]): void {
  if (tag.inner.trim() === '') {
    problems.push({
      code: TAG_PROBLEM_CODES.empty,
      severity: 'warning',
      message:
        tag.kind === 'expression'
          ? 'empty expression tag: write an expression after `{{=`'
          : 'empty tag: Argo leaves it as it is; write a variable name between the braces',
      offset: tag.start,
      length: tag.end - tag.start,
    });
    return;
  }
  if (tag.kind === 'expression' && text[tag.end] === '}' && unclosedBraces(tag.inner) > 0) {
    problems.push({
      code: TAG_PROBLEM_CODES.splitBrace,
      severity: 'error',
      message:
        'the expression tag ends at the first `}}`, which here closes a `{` of the expression itself; ' +
        'put a space between the braces (`} }}`)',
      offset: tag.end - CLOSE.length,
      length: CLOSE.length + 1,
    });
  }
}

/** How many `{` outside string literals are not matched by a later `}`. */
function unclosedBraces(source: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote !== undefined) {
      if (ch === '\\' && quote !== '`') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
  }
  return depth;
}
