import type { RegistryCredentials } from '../auth-types';

/** A cached ECR login and when it stops being usable (epoch milliseconds, refresh margin already taken off). */
export interface CachedEcrToken {
  readonly credentials: RegistryCredentials;
  readonly refreshAt: number;
}

/** ECR logins per registry host, plus the requests under way so concurrent lookups share one call. */
export class EcrTokenCache {
  private readonly tokens = new Map<string, CachedEcrToken>();
  private readonly pending = new Map<string, Promise<RegistryCredentials>>();

  /** The cached login for a host if it is still fresh at `now`. */
  get(host: string, now: number): RegistryCredentials | undefined {
    const entry = this.tokens.get(host);
    if (entry === undefined) return undefined;
    if (entry.refreshAt > now) return entry.credentials;
    this.tokens.delete(host);
    return undefined;
  }

  /** Remembers a login until `refreshAt`. */
  set(host: string, token: CachedEcrToken): void {
    this.tokens.set(host, token);
  }

  /** Forgets a host's login (after the registry rejected it, say). */
  delete(host: string): void {
    this.tokens.delete(host);
  }

  /** Runs `fetch` unless a fetch for the host is already under way, in which case its result is shared. */
  shared(host: string, fetch: () => Promise<RegistryCredentials>): Promise<RegistryCredentials> {
    const running = this.pending.get(host);
    if (running) return running;
    const started = fetch().finally(() => this.pending.delete(host));
    this.pending.set(host, started);
    return started;
  }
}
