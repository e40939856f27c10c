import { spawn } from 'node:child_process';

/** What a host tool printed. */
export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A host tool that exited non-zero or could not start; `stderr` holds its own explanation. */
export class ToolFailedError extends Error {
  constructor(
    readonly tool: string,
    readonly stderr: string,
    message: string,
  ) {
    super(message);
    this.name = 'ToolFailedError';
  }
}

/**
 * Runs a host tool (cp, git, unshare) to completion without a shell. The tool gets no terminal (stdin is
 * /dev/null, a session of its own), so git can never stop to prompt for a password.
 */
export function runTool(
  file: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), options.timeoutMs)
      : undefined;
    const command = [file, ...args].join(' ');
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ToolFailedError(file, stderr, `\`${command}\` could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ stdout, stderr });
      const detail = stderr.trim() || (signal ? `killed by ${signal}` : `exit code ${code}`);
      reject(new ToolFailedError(file, stderr, `\`${command}\` failed: ${detail}`));
    });
  });
}
