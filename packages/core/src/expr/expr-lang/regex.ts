/** A pattern Go's regexp (RE2) would reject, or one Slipway cannot translate. */
export class GoRegexError extends Error {}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/**
 * Compile a Go (RE2) pattern to an equivalent JS RegExp. RE2 has no lookaround or backreferences, so those
 * are rejected as Go does; `(?P<name>…)`, leading `(?flags)`, `\A`, `\z`, `\Q…\E` and `[[:class:]]` are
 * translated.
 */
export function compileGoRegex(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : '-'}${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    cached.lastIndex = 0;
    return cached;
  }
  let flags = global ? 'g' : '';
  let body = pattern;
  const leading = /^\(\?([imsU]+)\)/u.exec(body);
  if (leading?.[1] !== undefined) {
    if (leading[1].includes('U')) throw new GoRegexError('the ungreedy flag (?U) is not supported');
    flags += [...new Set(leading[1])].join('');
    body = body.slice(leading[0].length);
  }
  const source = translate(body);
  if (/\\[pP]|\\u\{/u.test(source)) flags += 'u';
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    throw new GoRegexError(`error parsing regexp: ${(error as Error).message}`);
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, regex);
  return regex;
}

function translate(body: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    const next = body[i + 1] ?? '';
    if (ch === '\\') {
      if (next === 'Q') {
        const end = body.indexOf('\\E', i + 2);
        const literal = body.slice(i + 2, end < 0 ? body.length : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/gu, '\\$&');
        i = end < 0 ? body.length : end + 1;
        continue;
      }
      if (/[1-9]/u.test(next)) throw new GoRegexError(`invalid escape sequence: \`\\${next}\``);
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (next === 'x' && body[i + 2] === '{') {
        const close = body.indexOf('}', i + 3);
        if (close < 0) throw new GoRegexError('invalid escape sequence: `\\x{`');
        out += `\\u{${body.slice(i + 3, close)}}`;
        i = close;
        continue;
      } else out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === '[' && next === ':') {
        const close = body.indexOf(':]', i + 2);
        const name = close < 0 ? undefined : body.slice(i + 2, close);
        const negated = name?.startsWith('^') ?? false;
        const ranges = name === undefined ? undefined : POSIX_CLASSES[negated ? name.slice(1) : name];
        if (ranges === undefined || negated) throw new GoRegexError(`invalid character class range: ${name}`);
        out += ranges;
        i = close + 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (next === '^') {
        out += next;
        i++;
      }
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && next === '?') {
      const rest = body.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^(=|!|<=|<!)/u.test(rest))
        throw new GoRegexError('invalid or unsupported Perl syntax: lookaround');
      if (!rest.startsWith(':') && !rest.startsWith('<')) {
        throw new GoRegexError('inline flags are only supported at the start of the pattern');
      }
    }
    out += ch;
  }
  return out;
}

/** Expand a Go replacement template (`$1`, `${1}`, `$name`, `${name}`, `$$`) for one match. */
export function expandGoTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch !== '$') {
      out += ch;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const candidate = close < 0 ? '' : template.slice(i + 2, close);
      if (/^\w+$/u.test(candidate)) {
        name = candidate;
        i = close;
      }
    } else {
      const run = /^\w+/u.exec(template.slice(i + 1));
      if (run !== null) {
        name = run[0];
        i += name.length;
      }
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    const value = /^\d+$/u.test(name) ? match[Number(name)] : match.groups?.[name];
    out += value ?? '';
  }
  return out;
}
