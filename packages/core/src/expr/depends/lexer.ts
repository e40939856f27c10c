import { DependsSyntaxError } from './errors';
import { isTaskResult, suggestTaskResult, TASK_RESULTS, type TaskResult } from './results';

/** One token of a `depends` expression. */
export type DependsToken =
  | {
      readonly kind: 'task';
      readonly name: string;
      readonly result: TaskResult | undefined;
      readonly offset: number;
      readonly length: number;
    }
  | { readonly kind: '&&' | '||' | '!' | '(' | ')'; readonly offset: number; readonly length: number };

const NAME_CHAR = /[A-Za-z0-9_-]/;
const RESULT_CHAR = /[A-Za-z0-9_]/;
const ALL_RESULTS = TASK_RESULTS.map((r) => `.${r}`).join(', ');
const SUPPORTED = '`depends` supports task names, `.Result` suffixes, `&&`, `||`, `!` and parentheses';

function readWhile(text: string, start: number, pattern: RegExp): number {
  let end = start;
  while (end < text.length && pattern.test(text[end] as string)) end++;
  return end;
}

function readTask(text: string, start: number): DependsToken {
  const nameEnd = readWhile(text, start, NAME_CHAR);
  const name = text.slice(start, nameEnd);
  if (/^[0-9]/.test(name)) {
    throw new DependsSyntaxError(
      `task name \`${name}\` begins with a digit; Argo rejects such task names when \`depends\` is used`,
      start,
      name.length,
    );
  }
  if (text[nameEnd] !== '.')
    return { kind: 'task', name, result: undefined, offset: start, length: name.length };
  const resultEnd = readWhile(text, nameEnd + 1, RESULT_CHAR);
  const word = text.slice(nameEnd + 1, resultEnd);
  if (word === '') {
    throw new DependsSyntaxError(
      `expected a task result after \`${name}.\`, one of ${ALL_RESULTS}`,
      nameEnd,
      1,
    );
  }
  if (!isTaskResult(word)) {
    const suggestion = suggestTaskResult(word);
    const hint = suggestion ? `did you mean \`.${suggestion}\`?` : `expected one of ${ALL_RESULTS}`;
    throw new DependsSyntaxError(`unknown task result \`.${word}\`, ${hint}`, nameEnd, resultEnd - nameEnd);
  }
  return { kind: 'task', name, result: word, offset: start, length: resultEnd - start };
}

function unexpected(text: string, offset: number): DependsSyntaxError {
  const ch = text[offset] as string;
  if (ch === '&' || ch === '|') {
    return new DependsSyntaxError(`\`${ch}\` is not an operator; did you mean \`${ch}${ch}\`?`, offset, 1);
  }
  if (ch === '.') {
    return new DependsSyntaxError(
      'a task result must directly follow its task name, as in `task.Succeeded`',
      offset,
      readWhile(text, offset + 1, RESULT_CHAR) - offset,
    );
  }
  const cp = text.codePointAt(offset) ?? 0;
  const shown = String.fromCodePoint(cp);
  return new DependsSyntaxError(`unexpected \`${shown}\`: ${SUPPORTED}`, offset, shown.length);
}

/** Splits a `depends` expression into tokens, validating task names and result suffixes as it goes. */
export function tokenizeDepends(text: string): DependsToken[] {
  const tokens: DependsToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pair = text.slice(i, i + 2);
    if (pair === '&&' || pair === '||') {
      tokens.push({ kind: pair, offset: i, length: 2 });
      i += 2;
    } else if (ch === '!' || ch === '(' || ch === ')') {
      tokens.push({ kind: ch, offset: i, length: 1 });
      i++;
    } else if (NAME_CHAR.test(ch) && ch !== '-') {
      const token = readTask(text, i);
      tokens.push(token);
      i += token.length;
    } else {
      throw unexpected(text, i);
    }
  }
  return tokens;
}
