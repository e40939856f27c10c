import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CredentialProvider } from '../../auth-types';
import { selfSignedCertificate } from './certificates';
import { writeHtpasswd } from './htpasswd';
import { freePort, stopProcess } from './processes';
import { registryConfig } from './registry-config';
import { startTokenServer, type TestTokenServer, type TokenServerOptions } from './token-server';

/** Where Debian's package puts distribution's registry (scripts/setup.sh installs it). */
export const DOCKER_REGISTRY_BINARY = '/usr/bin/docker-registry';

/** How a test registry authenticates and whether it speaks TLS. */
export type TestRegistryMode = 'plain' | 'basic' | 'tls' | 'token';

/** The user the basic and token modes accept. */
export const TEST_USER = { username: 'slipway', password: 'correct-horse-battery' } as const;
/** The `service` of the token mode (the token's audience). */
export const TEST_TOKEN_SERVICE = 'slipway-test-registry';
/** The `issuer` of the token mode. */
export const TEST_TOKEN_ISSUER = 'slipway-test-issuer';

/** A running registry for tests. */
export interface TestRegistry {
  readonly mode: TestRegistryMode;
  /** `127.0.0.1:PORT`: the registry host for clients. */
  readonly host: string;
  /** `http://127.0.0.1:PORT` or `https://…`. */
  readonly url: string;
  readonly pid: number;
  /** The CA (its own certificate) in TLS mode. */
  readonly caCertificate: string | undefined;
  /** The token server in token mode. */
  readonly tokenServer: TestTokenServer | undefined;
  /** A credential provider giving `TEST_USER` (or other credentials) for any host (so proxies work too). */
  credentials(username?: string, password?: string): CredentialProvider;
  stop(): Promise<void>;
}

/** Options of `startTestRegistry`. */
export interface TestRegistryOptions {
  /** Token mode: passed on to the token server. */
  readonly token?: Pick<TokenServerOptions, 'expiresInSeconds' | 'grant'>;
  /** Basic mode: the one user the registry accepts (default `TEST_USER`). */
  readonly user?: { readonly username: string; readonly password: string };
}

/** `'docker-registry not installed'` when the binary is missing (for `{ skip }`), false otherwise. */
export function dockerRegistrySkip(): string | false {
  return existsSync(DOCKER_REGISTRY_BINARY) ? false : 'docker-registry not installed';
}

/** Answers once `GET /v2/` gets any HTTP answer; fails if the process exits or 10 s pass. */
async function waitUntilServing(
  child: ChildProcess,
  url: string,
  ca: string | undefined,
  logs: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}): ${logs()}`);
    }
    const answered = await new Promise<boolean>((resolve) => {
      const request = (url.startsWith('https') ? httpsRequest : httpRequest)(
        `${url}/v2/`,
        { method: 'GET', ...(ca ? { ca } : {}), timeout: 1000 },
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      request.on('error', () => resolve(false));
      request.on('timeout', () => request.destroy());
      request.end();
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer at ${url} within 10 s: ${logs()}`);
}

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback port, in a temporary
 * directory, in one of four modes: no auth, htpasswd basic auth, TLS with a self-signed CA, or
 * bearer tokens from a token server of the test's own. Stop it (by PID) in `after()`.
 */
export async function startTestRegistry(
  mode: TestRegistryMode,
  options: TestRegistryOptions = {},
): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), `slipway-registry-${mode}-`));
  let tokenServer: TestTokenServer | undefined;
  let child: ChildProcess | undefined;
  try {
    const port = await freePort();
    const tls = mode === 'tls' ? await selfSignedCertificate(dir, 'tls') : undefined;
    let htpasswdPath: string | undefined;
    if (mode === 'basic') {
      htpasswdPath = join(dir, 'htpasswd');
      const user = options.user ?? TEST_USER;
      await writeHtpasswd(htpasswdPath, user.username, user.password);
    }
    let token: Parameters<typeof registryConfig>[0]['token'];
    if (mode === 'token') {
      const signing = await selfSignedCertificate(dir, 'token-signing', 'slipway-test-token-issuer');
      tokenServer = await startTokenServer({
        users: { [TEST_USER.username]: TEST_USER.password },
        service: TEST_TOKEN_SERVICE,
        issuer: TEST_TOKEN_ISSUER,
        keyPem: signing.keyPem,
        certificatePem: signing.certificatePem,
        ...options.token,
      });
      token = {
        realm: tokenServer.realm,
        service: TEST_TOKEN_SERVICE,
        issuer: TEST_TOKEN_ISSUER,
        rootCertBundlePath: signing.certificatePath,
      };
    }
    const configPath = join(dir, 'config.yml');
    await writeFile(
      configPath,
      registryConfig({
        port,
        storageDir: join(dir, 'storage'),
        ...(tls ? { tls: { certificatePath: tls.certificatePath, keyPath: tls.keyPath } } : {}),
        ...(htpasswdPath ? { htpasswdPath } : {}),
        ...(token ? { token } : {}),
      }),
    );
    const started = spawn(DOCKER_REGISTRY_BINARY, ['serve', configPath], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    started.stdout?.on('data', collect);
    started.stderr?.on('data', collect);
    const host = `127.0.0.1:${port}`;
    const url = `${tls ? 'https' : 'http'}://${host}`;
    await waitUntilServing(started, url, tls?.certificatePem, () => output);
    const server = tokenServer;
    return {
      mode,
      host,
      url,
      pid: started.pid ?? 0,
      caCertificate: tls?.certificatePem,
      tokenServer: server,
      credentials:
        (username = TEST_USER.username, password = TEST_USER.password) =>
        async () => ({
          kind: 'basic',
          username,
          password,
        }),
      stop: async () => {
        await stopProcess(started);
        await server?.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
