import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { signRegistryToken, type TokenAccess } from './jwt';

/** One request the token server received. */
export interface TokenRequestRecord {
  readonly method: string;
  /** `password`, `refresh_token`, or `basic` / `anonymous` for GET requests. */
  readonly grant: string;
  readonly account: string | undefined;
  readonly service: string | undefined;
  readonly scopes: readonly string[];
  readonly outcome: 'issued' | 'rejected';
}

/** Options of `startTokenServer`. */
export interface TokenServerOptions {
  /** Accepted users and their passwords. */
  readonly users: Readonly<Record<string, string>>;
  readonly service: string;
  readonly issuer: string;
  readonly keyPem: string;
  readonly certificatePem: string;
  /** Token lifetime announced and signed (default 300 s). */
  readonly expiresInSeconds?: number;
  /** Actions granted to a user (undefined = anonymous) on a repository; default: all asked to users, none to anonymous. */
  readonly grant?: (account: string | undefined, repository: string, actions: readonly string[]) => string[];
}

/** A running token server (Docker token auth spec) for a test registry. */
export interface TestTokenServer {
  /** The realm to configure in the registry: `http://127.0.0.1:PORT/token`. */
  readonly realm: string;
  readonly requests: TokenRequestRecord[];
  /** Makes an OAuth2 refresh token (docker's identity token) for a user. */
  issueIdentityToken(username: string): string;
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function parseScopes(values: readonly string[]): TokenAccess[] {
  return values
    .flatMap((value) => value.split(' '))
    .filter(Boolean)
    .flatMap((scope) => {
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      if (first <= 0 || last === first) return [];
      return [
        {
          type: scope.slice(0, first),
          name: scope.slice(first + 1, last),
          actions: scope.slice(last + 1).split(','),
        },
      ];
    });
}

/** Starts a token server on 127.0.0.1 that checks basic credentials and refresh tokens and signs JWTs. */
export async function startTokenServer(options: TokenServerOptions): Promise<TestTokenServer> {
  const requests: TokenRequestRecord[] = [];
  const refreshTokens = new Map<string, string>();
  const expiresIn = options.expiresInSeconds ?? 300;
  const grant =
    options.grant ??
    ((account: string | undefined, _repository: string, actions: readonly string[]) =>
      account ? [...actions] : []);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token')
      return json(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] });
    let account: string | undefined;
    let grantType: string;
    let scopes: string[];
    let service: string | undefined;
    let newRefreshToken: string | undefined;
    if (req.method === 'POST') {
      const form = await readForm(req);
      grantType = form.get('grant_type') ?? '';
      scopes = form.getAll('scope');
      service = form.get('service') ?? undefined;
      if (grantType === 'password') {
        const username = form.get('username') ?? '';
        account =
          options.users[username] !== undefined && options.users[username] === form.get('password')
            ? username
            : undefined;
        if (account) newRefreshToken = issueIdentityToken(account);
      } else if (grantType === 'refresh_token') {
        account = refreshTokens.get(form.get('refresh_token') ?? '');
      }
      if (!account) {
        requests.push({ method: 'POST', grant: grantType, account, service, scopes, outcome: 'rejected' });
        return json(res, 401, { error: 'invalid_grant', error_description: 'unknown credentials' });
      }
    } else {
      scopes = url.searchParams.getAll('scope');
      service = url.searchParams.get('service') ?? undefined;
      const header = req.headers.authorization ?? '';
      grantType = header ? 'basic' : 'anonymous';
      if (header) {
        const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const username = decoded.slice(0, colon);
        if (
          colon < 0 ||
          options.users[username] === undefined ||
          options.users[username] !== decoded.slice(colon + 1)
        ) {
          requests.push({
            method: 'GET',
            grant: grantType,
            account: undefined,
            service,
            scopes,
            outcome: 'rejected',
          });
          return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication failed' }] });
        }
        account = username;
      }
    }
    const access = parseScopes(scopes).map((entry) => ({
      ...entry,
      actions: grant(account, entry.name, entry.actions),
    }));
    const token = signRegistryToken(
      {
        issuer: options.issuer,
        audience: options.service,
        subject: account ?? '',
        expiresInSeconds: expiresIn,
        access,
      },
      options.keyPem,
      options.certificatePem,
    );
    requests.push({
      method: req.method ?? 'GET',
      grant: grantType,
      account,
      service,
      scopes,
      outcome: 'issued',
    });
    json(res, 200, {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date().toISOString(),
      ...(newRefreshToken ? { refresh_token: newRefreshToken } : {}),
    });
  }

  function issueIdentityToken(username: string): string {
    const token = `slipway-refresh-${randomUUID()}`;
    refreshTokens.set(token, username);
    return token;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      json(res, 500, { errors: [{ code: 'UNKNOWN', message: String(error) }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    issueIdentityToken,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
