import type { RegistryCredentials } from '../auth-types';
import { describeStatus, parseErrorBody, readErrorBody } from './http-errors';
import { classifyNetworkError, safeOrigin } from './network-errors';
import { RegistryAuthError, RegistryError, type RegistryErrorContext } from './registry-error';
import type { FetchLike, RegistryTimeouts, RetryPolicy } from './registry-options';
import { isRetryableStatus, parseRetryAfter, RetryableFailure, withRetry } from './retry';
import { readBodyBytes, timedFetch } from './timed-fetch';

/** What a bearer token request needs: the challenge's realm and service, the scopes, the credentials. */
export interface TokenRequest {
  readonly registry: string;
  readonly realm: string;
  readonly service: string | undefined;
  readonly scopes: readonly string[];
  readonly credentials: RegistryCredentials | undefined;
  readonly fetch: FetchLike;
  readonly userAgent: string;
  readonly timeouts: RegistryTimeouts;
  readonly retry: RetryPolicy;
}

/** A token from the token service, with its lifetime and (OAuth2) a possibly rotated refresh token. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresInMs: number;
  readonly refreshToken?: string;
}

/** The client id Slipway sends in OAuth2 requests. */
export const OAUTH_CLIENT_ID = 'slipway';
const MIN_TOKEN_LIFETIME_S = 60;

/** Replaces every secret in a message by `***` (belt and braces: messages must never carry credentials). */
export function redactSecrets(message: string, credentials: RegistryCredentials | undefined): string {
  const secrets =
    credentials?.kind === 'basic' ? [credentials.password] : credentials ? [credentials.token] : [];
  return secrets
    .filter((s) => s.length >= 3)
    .reduce((text, secret) => text.split(secret).join('***'), message);
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** The HTTP request for a token: GET (anonymous or basic) or, for an identity token, the OAuth2 POST form. */
function buildRequest(request: TokenRequest): { url: string; init: RequestInit } {
  const url = new URL(request.realm);
  const headers: Record<string, string> = { 'user-agent': request.userAgent, accept: 'application/json' };
  const credentials = request.credentials;
  if (credentials?.kind === 'identity-token') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.token,
      client_id: OAUTH_CLIENT_ID,
    });
    if (request.service) form.set('service', request.service);
    if (request.scopes.length > 0) form.set('scope', request.scopes.join(' '));
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { url: url.toString(), init: { method: 'POST', headers, body: form.toString() } };
  }
  if (request.service) url.searchParams.set('service', request.service);
  for (const scope of request.scopes) url.searchParams.append('scope', scope);
  if (credentials?.kind === 'basic') {
    url.searchParams.set('account', credentials.username);
    headers.authorization = basicHeader(credentials.username, credentials.password);
  }
  return { url: url.toString(), init: { method: 'GET', headers } };
}

function describeCredentials(credentials: RegistryCredentials | undefined): string {
  if (credentials?.kind === 'basic') return `the password of user "${credentials.username}"`;
  if (credentials?.kind === 'identity-token') return 'the identity token';
  if (credentials?.kind === 'registry-token') return 'the registry token';
  return 'an anonymous request';
}

/** Asks the token service (Docker token auth spec) for a bearer token covering `scopes`. */
export async function requestToken(request: TokenRequest): Promise<IssuedToken> {
  const context: RegistryErrorContext = {
    registry: request.registry,
    operation: `authenticate (${request.scopes.join(' ') || 'no scope'})`,
  };
  const realm = safeOrigin(request.realm) + new URL(request.realm).pathname;
  return withRetry(request.retry, async () => {
    const { url, init } = buildRequest(request);
    let timed: Awaited<ReturnType<typeof timedFetch>>;
    try {
      timed = await timedFetch(request.fetch, url, init, request.timeouts);
    } catch (error) {
      throw classifyNetworkError(error, context, url);
    }
    const { response } = timed;
    if (!response.ok) {
      const body = await readErrorBody(response);
      const status = describeStatus(response.status, parseErrorBody(body), body);
      const full = { ...context, status: response.status, errors: parseErrorBody(body) };
      if (isRetryableStatus(response.status)) {
        const error = new RegistryError(
          full,
          `the token service ${realm} failed for ${request.registry}: ${status}`,
        );
        throw new RetryableFailure(error, parseRetryAfter(response.headers.get('retry-after')));
      }
      const advice =
        request.credentials === undefined
          ? `the registry needs credentials: log in to ${request.registry} (docker login) or configure a credential helper`
          : `check the credentials for ${request.registry} (docker login or the credential helper)`;
      const message = `the token service ${realm} rejected ${describeCredentials(request.credentials)} for ${request.registry} (${status}); ${advice}`;
      throw new RegistryAuthError(full, redactSecrets(message, request.credentials));
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBodyBytes(timed, request.timeouts.stallMs, 1 << 20);
    } catch (error) {
      throw classifyNetworkError(error, context, url);
    }
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new RegistryError(
        context,
        `the token service ${realm} answered something that is not JSON; is the realm right?`,
      );
    }
    const token = typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError(
        context,
        `the token service ${realm} answered without a token; is the realm right?`,
      );
    }
    const expiresIn = typeof parsed.expires_in === 'number' ? parsed.expires_in : MIN_TOKEN_LIFETIME_S;
    return {
      token,
      expiresInMs: Math.max(expiresIn, MIN_TOKEN_LIFETIME_S) * 1000,
      ...(typeof parsed.refresh_token === 'string' ? { refreshToken: parsed.refresh_token } : {}),
    };
  });
}
