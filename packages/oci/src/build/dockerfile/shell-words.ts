/** Variables visible to an instruction: build args and the stage's environment. */
export type Variables = ReadonlyMap<string, string>;

/** A `${…}` form the Dockerfile language does not know, or a `${NAME:?message}` whose variable is unset. */
export class ExpansionError extends Error {}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

class Lexer {
  private at = 0;
  readonly words: string[] = [];
  private word = '';
  private inWord = false;

  constructor(
    private readonly text: string,
    private readonly vars: Variables,
    private readonly escapeChar: string,
  ) {}

  run(split: boolean): string[] {
    const { text } = this;
    while (this.at < text.length) {
      const ch = text[this.at] as string;
      if (split && /\s/.test(ch)) {
        this.flush();
        this.at++;
      } else if (ch === this.escapeChar) {
        this.at++;
        if (this.at < text.length) this.add(text[this.at++] as string);
        else this.add(ch);
      } else if (ch === "'") {
        const end = text.indexOf("'", this.at + 1);
        const stop = end === -1 ? text.length : end;
        this.add(text.slice(this.at + 1, stop));
        this.at = stop + 1;
      } else if (ch === '"') {
        this.doubleQuoted();
      } else if (ch === '$') {
        this.add(this.variable());
      } else {
        this.add(ch);
        this.at++;
      }
    }
    this.flush();
    return this.words;
  }

  private add(part: string): void {
    this.word += part;
    this.inWord = true;
  }

  private flush(): void {
    if (this.inWord) this.words.push(this.word);
    this.word = '';
    this.inWord = false;
  }

  private doubleQuoted(): void {
    const { text } = this;
    this.at++;
    this.inWord = true;
    while (this.at < text.length && text[this.at] !== '"') {
      const ch = text[this.at] as string;
      if (ch === this.escapeChar && this.at + 1 < text.length) {
        const next = text[this.at + 1] as string;
        this.add(next === '"' || next === '$' || next === this.escapeChar ? next : ch + next);
        this.at += 2;
      } else if (ch === '$') {
        this.add(this.variable());
      } else {
        this.add(ch);
        this.at++;
      }
    }
    this.at++;
  }

  /** Reads `$NAME` or `${NAME…}` at the cursor and returns its value. */
  private variable(): string {
    const { text } = this;
    this.at++;
    if (text[this.at] === '{') return this.braced();
    let name = '';
    if (NAME_START.test(text[this.at] ?? '')) {
      while (this.at < text.length && NAME_CHAR.test(text[this.at] as string)) name += text[this.at++];
      return this.vars.get(name) ?? '';
    }
    return '$';
  }

  private braced(): string {
    const { text } = this;
    const close = this.closingBrace(this.at);
    if (close === -1) throw new ExpansionError(`missing \`}\` in \`${text.slice(this.at - 1)}\``);
    const inner = text.slice(this.at + 1, close);
    this.at = close + 1;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(inner);
    if (!match)
      throw new ExpansionError(`\`\${${inner}}\` is not a variable substitution Dockerfiles support`);
    const [, name = '', operator, word = ''] = match;
    const value = this.vars.get(name);
    const set = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    const expandWord = () => new Lexer(word, this.vars, this.escapeChar).run(false).join('');
    switch (operator?.replace(':', '')) {
      case '-':
        return set ? (value ?? '') : expandWord();
      case '+':
        return set ? expandWord() : '';
      case '?':
        if (!set) throw new ExpansionError(`${name}: ${expandWord() || 'is not set'}`);
        return value ?? '';
      default:
        return value ?? '';
    }
  }

  private closingBrace(open: number): number {
    let depth = 0;
    for (let i = open; i < this.text.length; i++) {
      if (this.text[i] === '{') depth++;
      if (this.text[i] === '}' && --depth === 0) return i;
    }
    return -1;
  }
}

/** Splits instruction text into words the way Dockerfiles do: quotes, escapes and `$VAR` substitution. */
export function shellWords(text: string, vars: Variables, escapeChar = '\\'): string[] {
  return new Lexer(text, vars, escapeChar).run(true);
}

/** Expands quotes, escapes and variables in text that is one value (WORKDIR, `ENV key value`). */
export function shellWord(text: string, vars: Variables, escapeChar = '\\'): string {
  return new Lexer(text.trim(), vars, escapeChar).run(false).join('');
}
