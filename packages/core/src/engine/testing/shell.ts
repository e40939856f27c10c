// A very small interpreter of the shell one-liners found in example workflows (`echo`, `exit`, `sleep`, `cat`,
// redirections), so the null executor can answer most pods without a script written for them.

/** What running a snippet produced. */
export interface ShellOutcome {
  stdout: string;
  exitCode: number;
  /** Files written, by path. */
  files: Record<string, string>;
  /** Time spent sleeping, in ms. */
  sleptMs: number;
}

function words(text: string): string[] {
  const out: string[] = [];
  const pattern = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/gu;
  for (const match of text.matchAll(pattern)) {
    out.push(match[1]?.replace(/\\(.)/gu, '$1') ?? match[2] ?? match[3] ?? '');
  }
  return out;
}

function splitCommands(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (quote !== '') {
      current += ch;
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ';' || ch === '\n' || (ch === '&' && script[i + 1] === '&')) {
      if (ch === '&') i++;
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((c) => c !== '' && !c.startsWith('#'));
}

/** Run a `sh -c` script made of simple commands; anything else is ignored (it succeeds, silently). */
export function runShell(script: string, files: Record<string, string> = {}): ShellOutcome {
  const outcome: ShellOutcome = { stdout: '', exitCode: 0, files: { ...files }, sleptMs: 0 };
  for (const command of splitCommands(script)) {
    const redirect = /^(.*?)\s*(>>?)\s*(\S+)$/u.exec(command);
    const body = redirect === null ? command : (redirect[1] as string);
    let output = '';
    const argv = words(body);
    const [name, ...args] = argv;
    if (name === 'echo') {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      output = noNewline ? text : `${text}\n`;
    } else if (name === 'exit') {
      outcome.exitCode = Number(args[0] ?? 0);
      return outcome;
    } else if (name === 'sleep') {
      outcome.sleptMs += Number(args[0] ?? 0) * 1000;
    } else if (name === 'cat') {
      output = args.map((path) => outcome.files[path] ?? '').join('');
    } else if (name === 'false') {
      outcome.exitCode = 1;
      return outcome;
    }
    if (redirect !== null) {
      const path = redirect[3] as string;
      outcome.files[path] = (redirect[2] === '>>' ? (outcome.files[path] ?? '') : '') + output;
    } else outcome.stdout += output;
  }
  return outcome;
}
