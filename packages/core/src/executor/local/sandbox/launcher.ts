import { type ChildProcess, spawn } from 'node:child_process';
import type { HostTools } from './host-tools';

// A long-lived shell that starts supervisors for Slipway. Node forks its whole (large) process for every
// child it spawns, which takes milliseconds of the event loop per container; a small shell forks in a
// fraction of that. Each request is two lines: the supervisor's stdin as base64 (bubblewrap's options, which
// hold secrets, so they never touch a file or a command line), then the command as shell words, the first
// being the file to write when the command cannot be started. `setsid` gives each supervisor a session and a
// process group of its own, so it is killed as a whole and outlives this shell and Slipway.
const ZYGOTE = `nl='
'
base64=$1 setsid=$2
while IFS= read -r input && IFS= read -r command; do
  eval "set -- $command"
  failed=$1; shift
  printf %s "$input" | "$base64" -d | { "$setsid" "$@" || echo 127 >"$failed"; } >/dev/null 2>&1 &
done`;

/** Quotes a word for the zygote's `eval`, keeping the request on one line (a newline becomes `$nl`). */
function requestWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`).replace(/\n/g, `'"$nl"'`)}'`;
}

/** Starts supervisors through one small shell (see above) instead of spawning each from Node. */
export class SupervisorLauncher {
  #zygote: ChildProcess | undefined;

  constructor(private readonly tools: HostTools) {}

  #shell(): ChildProcess {
    if (this.#zygote !== undefined && this.#zygote.exitCode === null && this.#zygote.signalCode === null) {
      return this.#zygote;
    }
    // No environment: what the supervisors need is passed explicitly, and the sandbox gets its own.
    const zygote = spawn(
      this.tools.sh,
      ['-c', ZYGOTE, 'slipway-launcher', this.tools.base64, this.tools.setsid],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
        env: {},
      },
    );
    zygote.stdin?.on('error', () => {});
    zygote.on('error', () => {});
    zygote.on('exit', () => {
      if (this.#zygote === zygote) this.#zygote = undefined;
    });
    // It must not keep Slipway alive, nor be waited for: it ends when its stdin closes.
    zygote.unref();
    (zygote.stdin as { unref?: () => void } | null)?.unref?.();
    this.#zygote = zygote;
    return zygote;
  }

  /**
   * Starts `argv` in a session of its own with `input` on its stdin; if it cannot be started, `failed` is
   * written instead.
   */
  start(argv: readonly string[], input: Buffer, failed: string): void {
    const words = [failed, ...argv].map(requestWord).join(' ');
    this.#shell().stdin?.write(`${input.toString('base64')}\n${words}\n`);
  }

  /** Lets the shell end (supervisors already started go on). */
  close(): void {
    this.#zygote?.stdin?.end();
    this.#zygote = undefined;
  }
}
