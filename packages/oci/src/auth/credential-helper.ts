import { spawn } from 'node:child_process';
import type { RegistryCredentials } from '../auth-types';
import {
  CredentialHelperError,
  CredentialHelperMissingError,
  CredentialHelperTimeoutError,
} from './auth-errors';
import type { AuthEnv } from './docker-config-path';
import { scrubSecrets } from './scrub-secrets';

/** How credential helpers are run. */
export interface CredentialHelperOptions {
  /** Environment of the helper process; its `PATH` is where `docker-credential-NAME` is looked up. */
  readonly env: AuthEnv;
  /** Kill the helper and fail after this long (default 30 s; keychain prompts can be slow). */
  readonly timeoutMs?: number;
}

/** The username docker's credential helpers use to mark the secret as an identity token. */
export const IDENTITY_TOKEN_USERNAME = '<token>';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 1024 * 1024;
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NOT_FOUND = /credentials not found/i;

type HelperAction = 'get' | 'store' | 'erase' | 'list';

interface HelperResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function processEnv(env: AuthEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

function runHelper(
  helper: string,
  action: HelperAction,
  input: string,
  options: CredentialHelperOptions,
): Promise<HelperResult> {
  if (!HELPER_NAME.test(helper)) {
    return Promise.reject(
      new CredentialHelperError(
        helper,
        action,
        'the helper name must be letters, digits, ".", "_" or "-" (fix credsStore/credHelpers in the docker config)',
      ),
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, [action], {
      env: processEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // Same session as ours (as docker does), so helpers that prompt on the terminal still can.
      windowsHide: true,
    });
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    const kill = () => {
      child.kill('SIGKILL');
    };
    const finish = (error: Error | undefined, result?: HelperResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (result) resolve(result);
    };
    const timer = setTimeout(() => {
      kill();
      // A process the helper started may still hold the pipes open; stop waiting for them.
      child.stdout.destroy();
      child.stderr.destroy();
      finish(new CredentialHelperTimeoutError(helper, action, timeoutMs));
    }, timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        kill();
        finish(new CredentialHelperError(helper, action, 'it wrote more than 1 MiB of output'));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') finish(new CredentialHelperMissingError(helper));
      else if (error.code === 'EACCES')
        finish(
          new CredentialHelperError(helper, action, 'it is not executable (check its permissions)', {
            cause: error,
          }),
        );
      else finish(new CredentialHelperError(helper, action, error.code ?? error.message, { cause: error }));
    });
    child.on('close', (code) => {
      finish(undefined, {
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    // A helper may exit without reading its input; that is its answer, not a write failure.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

function isNotFound(result: HelperResult): boolean {
  return NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr);
}

function failure(
  helper: string,
  action: HelperAction,
  result: HelperResult,
  secrets: readonly string[] = [],
): CredentialHelperError {
  // Helpers report errors on stdout (docker-credential-helpers) or stderr (most others).
  const output = scrubSecrets(
    [result.stderr, result.stdout].filter((s) => s.trim() !== '').join(' | '),
    secrets,
  );
  const status = result.code === null ? 'it was killed' : `it exited with code ${result.code}`;
  return new CredentialHelperError(helper, action, output ? `${status}: ${output}` : status);
}

function parseJson(helper: string, action: HelperAction, stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    // Never quote the output: it may hold the secret.
    throw new CredentialHelperError(helper, action, 'it did not answer with JSON');
  }
}

/**
 * Runs `docker-credential-HELPER get` with the server URL on stdin. Undefined when the helper has no
 * credentials for it ("credentials not found", or an empty secret).
 */
export async function credentialHelperGet(
  helper: string,
  serverUrl: string,
  options: CredentialHelperOptions,
): Promise<RegistryCredentials | undefined> {
  const result = await runHelper(helper, 'get', serverUrl, options);
  if (result.code !== 0) {
    if (isNotFound(result)) return undefined;
    throw failure(helper, 'get', result);
  }
  if (result.stdout.trim() === '' || (isNotFound(result) && !result.stdout.trimStart().startsWith('{'))) {
    return undefined;
  }
  const answer = parseJson(helper, 'get', result.stdout);
  if (typeof answer !== 'object' || answer === null) {
    throw new CredentialHelperError(helper, 'get', 'it did not answer with a JSON object');
  }
  const { Username: username, Secret: secret } = answer as { Username?: unknown; Secret?: unknown };
  if (
    (username !== undefined && typeof username !== 'string') ||
    (secret !== undefined && typeof secret !== 'string')
  ) {
    throw new CredentialHelperError(helper, 'get', 'its answer has a non-string Username or Secret');
  }
  if (!secret) return undefined;
  if (username === IDENTITY_TOKEN_USERNAME) return { kind: 'identity-token', token: secret };
  return { kind: 'basic', username: username ?? '', password: secret };
}

/** Runs `docker-credential-HELPER store` with `{ServerURL, Username, Secret}` on stdin. */
export async function credentialHelperStore(
  helper: string,
  credentials: { readonly serverUrl: string; readonly username: string; readonly secret: string },
  options: CredentialHelperOptions,
): Promise<void> {
  const input = JSON.stringify({
    ServerURL: credentials.serverUrl,
    Username: credentials.username,
    Secret: credentials.secret,
  });
  const result = await runHelper(helper, 'store', input, options);
  if (result.code !== 0) throw failure(helper, 'store', result, [credentials.secret]);
}

/** Runs `docker-credential-HELPER erase` with the server URL on stdin; false when it had nothing stored. */
export async function credentialHelperErase(
  helper: string,
  serverUrl: string,
  options: CredentialHelperOptions,
): Promise<boolean> {
  const result = await runHelper(helper, 'erase', serverUrl, options);
  if (result.code === 0) return true;
  if (isNotFound(result)) return false;
  throw failure(helper, 'erase', result);
}

/** Runs `docker-credential-HELPER list`: server URL → username of every stored credential. */
export async function credentialHelperList(
  helper: string,
  options: CredentialHelperOptions,
): Promise<Record<string, string>> {
  const result = await runHelper(helper, 'list', '', options);
  if (result.code !== 0) throw failure(helper, 'list', result);
  if (result.stdout.trim() === '') return {};
  const answer = parseJson(helper, 'list', result.stdout);
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new CredentialHelperError(helper, 'list', 'it did not answer with a JSON object');
  }
  const out: Record<string, string> = {};
  for (const [server, username] of Object.entries(answer)) {
    if (typeof username === 'string') out[server] = username;
  }
  return out;
}
