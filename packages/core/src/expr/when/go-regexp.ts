// `=~` and `!~` use Go's RE2 syntax with unanchored matching. JavaScript's RegExp (in `u` mode, so that `.`
// and classes work on code points as Go's do) agrees on most of it; this translator rewrites the parts that
// differ and rejects what RE2 rejects (backreferences, lookaround), so a pattern behaves as in Argo.

/** Why a Go regular expression could not be compiled; the message reads like Go's regexp/syntax errors. */
export class GoRegexpError extends Error {}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

// Go's \s is ASCII-only, narrower than JavaScript's.
const GO_SPACE = '\\t\\n\\f\\r ';
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/-']);

function literal(ch: string, inClass: boolean): string {
  if (SYNTAX.has(ch)) return ch === '-' && !inClass ? '-' : `\\${ch}`;
  return ch;
}

function codePointLiteral(cp: number, inClass: boolean): string {
  if (cp > 0x10ffff) throw new GoRegexpError('invalid escape sequence: code point out of range');
  const ch = String.fromCodePoint(cp);
  return cp < 0x20 || cp === 0x7f ? `\\u{${cp.toString(16)}}` : literal(ch, inClass);
}

class Translator {
  private i = 0;
  private out = '';
  private ignoreCase = false;
  private dotAll = false;
  private multiLine = false;

  constructor(private readonly src: string) {}

  run(): RegExp {
    this.leadingFlags();
    while (this.i < this.src.length) this.outside();
    try {
      return new RegExp(this.out, this.ignoreCase ? 'iu' : 'u');
    } catch (error) {
      // Keep only the reason from V8's "Invalid regular expression: /…/u: reason".
      const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      throw new GoRegexpError(reason.charAt(0).toLowerCase() + reason.slice(1));
    }
  }

  private leadingFlags(): void {
    for (;;) {
      const match = /^\(\?([ims]+)\)/.exec(this.src.slice(this.i));
      if (!match) return;
      const flags = match[1] ?? '';
      if (flags.includes('i')) this.ignoreCase = true;
      if (flags.includes('s')) this.dotAll = true;
      if (flags.includes('m')) this.multiLine = true;
      this.i += match[0].length;
    }
  }

  private char(): string {
    const cp = this.src.codePointAt(this.i);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private outside(): void {
    const ch = this.char();
    const rest = this.src.slice(this.i);
    this.i += ch.length;
    switch (ch) {
      case '\\':
        this.out += this.escape(false);
        return;
      case '[':
        this.charClass();
        return;
      case '(':
        this.group(rest);
        return;
      case '.':
        this.out += this.dotAll ? '[\\s\\S]' : '[^\\n]';
        return;
      case '^':
        this.out += this.multiLine ? '(?:(?<![\\s\\S])|(?<=\\n))' : '^';
        return;
      case '$':
        this.out += this.multiLine ? '(?:(?![\\s\\S])|(?=\\n))' : '$';
        return;
      case '{': {
        const repeat = /^\{(\d+)(?:(,)(\d*))?\}/.exec(rest);
        if (!repeat) {
          this.out += '\\{';
          return;
        }
        const min = Number(repeat[1]);
        const max = repeat[3] === undefined || repeat[3] === '' ? min : Number(repeat[3]);
        if (min > 1000 || max > 1000 || (repeat[2] && repeat[3] !== '' && max < min)) {
          throw new GoRegexpError(`invalid repeat count: \`${repeat[0]}\``);
        }
        this.out += repeat[0];
        this.i += repeat[0].length - 1;
        return;
      }
      case '}':
      case ']':
        this.out += `\\${ch}`;
        return;
      default:
        this.out += ch;
    }
  }

  private group(rest: string): void {
    if (!rest.startsWith('(?')) {
      this.out += '(';
      return;
    }
    const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length - 1;
      return;
    }
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.i += 2;
      return;
    }
    if (/^\(\?(?:=|!|<=|<!|P=|>)/.test(rest)) {
      throw new GoRegexpError(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
    }
    throw new GoRegexpError(
      `inline flags \`${/^\(\?[^):]*[):]?/.exec(rest)?.[0] ?? '(?'}\` are only supported at the start of the pattern`,
    );
  }

  private charClass(): void {
    this.out += '[';
    if (this.src[this.i] === '^') {
      this.out += '^';
      this.i++;
    }
    // RE2 reads a `]` right after the opening bracket as a literal.
    if (this.src[this.i] === ']') {
      this.out += '\\]';
      this.i++;
    }
    for (;;) {
      if (this.i >= this.src.length) throw new GoRegexpError('missing closing ]');
      const ch = this.char();
      const rest = this.src.slice(this.i);
      this.i += ch.length;
      if (ch === ']') break;
      if (ch === '\\') {
        this.out += this.escape(true);
      } else if (ch === '[' && rest.startsWith('[:')) {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        const body = posix ? POSIX_CLASSES[posix[2] ?? ''] : undefined;
        if (!posix || body === undefined)
          throw new GoRegexpError(`invalid character class range: \`${rest}\``);
        if (posix[1]) throw new GoRegexpError(`negated POSIX class \`${posix[0]}\` is not supported`);
        this.out += body;
        this.i += posix[0].length - 1;
      } else {
        this.out += ch === '[' ? '\\[' : ch;
      }
    }
    this.out += ']';
  }

  private escape(inClass: boolean): string {
    if (this.i >= this.src.length) throw new GoRegexpError('trailing backslash at end of expression');
    const ch = this.char();
    this.i += ch.length;
    switch (ch) {
      case 'a':
        return '\\x07';
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'v':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${ch}`;
      case 'b':
      case 'B':
        if (inClass) throw new GoRegexpError(`invalid escape sequence: \`\\${ch}\``);
        return `\\${ch}`;
      case 's':
        return inClass ? GO_SPACE : `[${GO_SPACE}]`;
      case 'S':
        return inClass ? '\\S' : `[^${GO_SPACE}]`;
      case 'A':
        if (inClass) break;
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) break;
        return '(?![\\s\\S])';
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const text = this.src.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.src.length : end + 2;
        return [...text].map((c) => literal(c, inClass)).join('');
      }
      case 'x':
        return this.hexEscape(inClass);
      case 'p':
      case 'P':
        return this.unicodeClass(ch === 'P');
    }
    if (ch >= '0' && ch <= '7') return this.octalEscape(ch, inClass);
    if (ch.length === 1 && ch < '\x80' && !/[0-9A-Za-z]/.test(ch)) return literal(ch, inClass);
    throw new GoRegexpError(`invalid escape sequence: \`\\${ch}\``);
  }

  private octalEscape(first: string, inClass: boolean): string {
    const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
    // A lone non-zero digit would be a backreference, which RE2 does not support.
    if (first !== '0' && !isOctal(this.src[this.i]))
      throw new GoRegexpError(`invalid escape sequence: \`\\${first}\``);
    let value = Number(first);
    for (let k = 1; k < 3 && isOctal(this.src[this.i]); k++) {
      value = value * 8 + Number(this.src[this.i]);
      this.i++;
    }
    return codePointLiteral(value, inClass);
  }

  private hexEscape(inClass: boolean): string {
    const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.i));
    if (braced) {
      this.i += braced[0].length;
      return codePointLiteral(Number.parseInt(braced[1] ?? '', 16), inClass);
    }
    const pair = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i));
    if (!pair) throw new GoRegexpError('invalid escape sequence: `\\x`');
    this.i += 2;
    return codePointLiteral(Number.parseInt(pair[0], 16), inClass);
  }

  private unicodeClass(negated: boolean): string {
    const braced = /^\{(\^?)([A-Za-z_]+)\}/.exec(this.src.slice(this.i));
    const single = /^[A-Za-z]/.exec(this.src.slice(this.i));
    const match = braced ?? single;
    if (!match) throw new GoRegexpError('invalid character class range: `\\p`');
    this.i += match[0].length;
    const name = braced ? (braced[2] ?? '') : match[0];
    const negate = negated !== Boolean(braced?.[1]);
    let property: string;
    if (GENERAL_CATEGORIES.has(name) || name === 'Any') property = name;
    else property = `Script=${name}`;
    const text = `\\${negate ? 'P' : 'p'}{${property}}`;
    try {
      new RegExp(text, 'u');
    } catch {
      throw new GoRegexpError(`invalid character class range: \`\\p{${name}}\``);
    }
    return text;
  }
}

const cache = new Map<string, RegExp | GoRegexpError>();

/** Compiles a Go (RE2) pattern to an equivalent JavaScript RegExp; throws GoRegexpError when Go would. */
export function compileGoRegexp(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new Translator(pattern).run();
    } catch (error) {
      if (!(error instanceof GoRegexpError)) throw error;
      compiled = error;
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, compiled);
  }
  if (compiled instanceof GoRegexpError) throw compiled;
  return compiled;
}
