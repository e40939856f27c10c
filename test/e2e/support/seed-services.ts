// What the seed pipelines' end-to-end tests start on loopback: a git server, a webhook receiver, and the
// `slipway` CLI run as a user runs it, against one home.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../../packages/oci/src/testing/registry';

const main = join(import.meta.dirname, '..', '..', '..', 'packages', 'cli', 'src', 'main.ts');

/** The outcome of one CLI run. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout then stderr, for assertion messages. */
  readonly all: string;
}

/**
 * Runs `slipway ARGS` in a child process with `env` (which names the home). Asynchronously: the servers a test
 * runs in its own process (a webhook receiver, an ECR API stand-in) must answer the steps meanwhile.
 */
export function slipwayCli(env: NodeJS.ProcessEnv): (args: readonly string[]) => Promise<CliRun> {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
        env: { ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, all: stdout + stderr }));
    });
}

/** A git server (`git daemon`) exporting the repositories under its base directory. */
export interface GitServer {
  /** `git://127.0.0.1:PORT/NAME` of a repository under the base directory. */
  url(name: string): string;
  stop(): void;
}

/** Makes `<base>/<name>` a git repository holding a copy of `source`, committed on branch `main`. */
export function gitRepository(base: string, name: string, source: string): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=slipway', '-c', 'user.email=slipway@localhost', 'commit', '-q', '-m', 'sample app');
  return git('rev-parse', 'HEAD').trim();
}

/** Starts `git daemon` on a free loopback port over `base`, and waits until it answers. */
export async function startGitServer(base: string): Promise<GitServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--listen=127.0.0.1',
      `--port=${port}`,
      `--base-path=${base}`,
      '--export-all',
      base,
    ],
    { detached: true, stdio: 'ignore' },
  );
  const stop = () => {
    // The daemon forks a child per connection: the whole process group goes.
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = spawnSync('git', ['ls-remote', `git://127.0.0.1:${port}/`], { encoding: 'utf8' });
    if (!/Connection refused|unable to connect/i.test(probe.stderr)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: (name) => `git://127.0.0.1:${port}/${name}`, stop };
}

/** One request a webhook receiver got. */
export interface ReceivedPost {
  readonly path: string;
  readonly contentType: string;
  readonly body: unknown;
}

/** A loopback HTTP server standing for Slack's incoming webhooks: records each JSON body, answers `ok`. */
export interface WebhookReceiver {
  url(path: string): string;
  readonly posts: ReceivedPost[];
  close(): Promise<void>;
}

/** Starts a webhook receiver on a free loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the assertion shows what came.
      }
      posts.push({ path: request.url ?? '', contentType: request.headers['content-type'] ?? '', body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
