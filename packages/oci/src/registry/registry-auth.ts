import type { CredentialProvider, RegistryCredentials } from '../auth-types';
import type { FetchLike, RegistryTimeouts, RetryPolicy } from './registry-options';
import { mergeScopes, scopesCover } from './scopes';
import { requestToken } from './token-service';
import { type AuthChallenge, parseWwwAuthenticate } from './www-authenticate';

/** What `RegistryAuth` needs from its client. */
export interface RegistryAuthDeps {
  readonly registry: string;
  readonly credentials: CredentialProvider | undefined;
  readonly fetch: FetchLike;
  readonly userAgent: string;
  readonly timeouts: RegistryTimeouts;
  readonly retry: RetryPolicy;
  /** Clock, for token expiry. */
  readonly now?: () => number;
}

type Scheme =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'bearer'; realm: string; service: string | undefined };

interface CachedToken {
  readonly scopes: readonly string[];
  readonly token: string;
  readonly expiresAt: number;
}

/** Refresh a token this long before it expires (at most a fifth of its lifetime). */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The authentication state of one registry: the scheme it asked for (from the `/v2/` ping or a 401),
 * the credentials (asked once from the provider), and bearer tokens cached per set of scopes until
 * shortly before they expire. A cached token asked for wider scopes serves narrower requests.
 */
export class RegistryAuth {
  private scheme: Scheme = { kind: 'none' };
  private credentials: Promise<RegistryCredentials | undefined> | undefined;
  private refreshToken: string | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  private readonly now: () => number;

  constructor(private readonly deps: RegistryAuthDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Records the challenges of an unauthenticated `/v2/` answer (none when it answered 200). */
  useChallenges(challenges: readonly AuthChallenge[]): void {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer?.params.realm) {
      this.scheme = { kind: 'bearer', realm: bearer.params.realm, service: bearer.params.service };
    } else if (challenges.some((c) => c.scheme === 'basic')) {
      this.scheme = { kind: 'basic' };
    } else {
      this.scheme = { kind: 'none' };
    }
  }

  /** The `Authorization` header for a request needing `scopes`; undefined to go anonymous. */
  async authorization(scopes: readonly string[]): Promise<string | undefined> {
    const credentials = await this.getCredentials();
    if (credentials?.kind === 'registry-token') return `Bearer ${credentials.token}`;
    if (this.scheme.kind === 'basic') {
      return credentials?.kind === 'basic'
        ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
        : undefined;
    }
    if (this.scheme.kind === 'bearer') return `Bearer ${(await this.token(this.scheme, scopes)).token}`;
    return undefined;
  }

  /**
   * After a 401: learns from its `WWW-Authenticate` and says which scopes to retry with (the request's
   * plus what the registry asked for), or undefined when trying again cannot help.
   */
  async recover(wwwAuthenticate: string | null, scopes: readonly string[]): Promise<string[] | undefined> {
    const credentials = await this.getCredentials();
    if (credentials?.kind === 'registry-token') return undefined;
    const challenges = parseWwwAuthenticate(wwwAuthenticate);
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer?.params.realm) {
      const wider = mergeScopes([...scopes, ...(bearer.params.scope ? [bearer.params.scope] : [])]);
      const wasBearer = this.scheme.kind === 'bearer';
      this.useChallenges(challenges);
      // The token sent was refused: forget it (and anything cached for the same scopes).
      if (wasBearer) {
        this.tokens.delete(mergeScopes(scopes).join(' '));
        this.tokens.delete(wider.join(' '));
      }
      return wider;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      const alreadyBasic = this.scheme.kind === 'basic';
      this.useChallenges(challenges);
      return !alreadyBasic && credentials?.kind === 'basic' ? [...scopes] : undefined;
    }
    return undefined;
  }

  /** Whether the credential provider gave anything for this registry. */
  async hasCredentials(): Promise<boolean> {
    return (await this.getCredentials()) !== undefined;
  }

  private getCredentials(): Promise<RegistryCredentials | undefined> {
    this.credentials ??= this.deps.credentials
      ? this.deps.credentials(this.deps.registry)
      : Promise.resolve(undefined);
    return this.credentials;
  }

  private async token(
    scheme: Extract<Scheme, { kind: 'bearer' }>,
    wanted: readonly string[],
  ): Promise<CachedToken> {
    const scopes = mergeScopes(wanted);
    const key = scopes.join(' ');
    const now = this.now();
    const exact = this.tokens.get(key);
    if (exact && exact.expiresAt > now) return exact;
    for (const cached of this.tokens.values()) {
      if (cached.expiresAt > now && scopesCover(cached.scopes, scopes)) return cached;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const fetching = this.fetchToken(scheme, scopes).finally(() => this.pending.delete(key));
    this.pending.set(key, fetching);
    return fetching;
  }

  private async fetchToken(
    scheme: Extract<Scheme, { kind: 'bearer' }>,
    scopes: readonly string[],
  ): Promise<CachedToken> {
    let credentials = await this.getCredentials();
    if (credentials?.kind === 'identity-token' && this.refreshToken) {
      credentials = { kind: 'identity-token', token: this.refreshToken };
    }
    const issued = await requestToken({
      registry: this.deps.registry,
      realm: scheme.realm,
      service: scheme.service,
      scopes,
      credentials,
      fetch: this.deps.fetch,
      userAgent: this.deps.userAgent,
      timeouts: this.deps.timeouts,
      retry: this.deps.retry,
    });
    if (issued.refreshToken) this.refreshToken = issued.refreshToken;
    const margin = Math.min(EXPIRY_MARGIN_MS, issued.expiresInMs / 5);
    const cached = { scopes, token: issued.token, expiresAt: this.now() + issued.expiresInMs - margin };
    this.tokens.set(scopes.join(' '), cached);
    return cached;
  }
}
