import { errorForResponse } from './http-errors';
import { classifyNetworkError, isCertificateError } from './network-errors';
import { RegistryAuth } from './registry-auth';
import { RegistryError, type RegistryErrorContext } from './registry-error';
import type { ResolvedRegistryOptions } from './registry-options';
import { RetryableFailure, withRetry } from './retry';
import { registryOrigin, schemeCandidates } from './scheme';
import { discardBody, type TimedResponse, TransferTimeoutError, timedFetch } from './timed-fetch';
import type { Transport } from './transport';
import { parseWwwAuthenticate } from './www-authenticate';

/** One request to a registry, as the repository operations describe it. */
export interface RegistryRequest {
  /** What is being done, for errors: `get manifest latest`. */
  readonly operation: string;
  readonly repository?: string;
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the registry (`/v2/...`) or an absolute URL it gave (`Location`). */
  readonly url: string;
  /** Token scopes the request needs. */
  readonly scopes: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Makes the body; called again if the request must be re-sent after a 401. */
  readonly body?: () => Promise<Uint8Array | string | AsyncIterable<Uint8Array>>;
  /** Statuses that are answers rather than errors. */
  readonly expect: readonly number[];
  /** Follow 3xx (GET/HEAD to blob storage); `Authorization` is not sent to another origin. */
  readonly followRedirects?: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * The HTTP layer of one registry: picks the scheme with a `/v2/` ping, authenticates (re-authenticating
 * once on a 401 with the scope the registry asks for), follows redirects, and retries what may succeed later.
 */
export class RegistryHttp {
  readonly auth: RegistryAuth;
  private pinged: Promise<string> | undefined;

  constructor(
    readonly registry: string,
    readonly options: ResolvedRegistryOptions,
    private readonly transport: Transport,
  ) {
    this.auth = new RegistryAuth({
      registry,
      credentials: options.credentials,
      fetch: transport.fetch,
      userAgent: options.userAgent,
      timeouts: options.timeouts,
      retry: options.retry,
    });
  }

  /** Pings `/v2/` once (again after a failure) and gives the origin that answered: `https://host:port`. */
  ping(): Promise<string> {
    this.pinged ??= withRetry(this.options.retry, () => this.probe()).catch((error: unknown) => {
      this.pinged = undefined;
      throw error;
    });
    return this.pinged;
  }

  /** Sends a request with retries (see `RetryPolicy`); gives the response when its status is expected. */
  request(request: RegistryRequest): Promise<TimedResponse> {
    return withRetry(this.options.retry, () => this.send(request));
  }

  /**
   * Sends a request once (plus one re-send after a 401 the registry explains); throws a `RegistryError`,
   * or a `RetryableFailure` for what may succeed when tried again.
   */
  async send(request: RegistryRequest): Promise<TimedResponse> {
    const origin = await this.ping();
    const context = this.context(request);
    let scopes = [...request.scopes];
    for (let authTry = 0; ; authTry++) {
      const timed = await this.sendFollowingRedirects(request, origin, scopes, context);
      const { response } = timed;
      if (response.status === 401 && authTry === 0) {
        const retryScopes = await this.auth.recover(response.headers.get('www-authenticate'), scopes);
        if (retryScopes) {
          await discardBody(timed);
          scopes = retryScopes;
          continue;
        }
      }
      if (request.expect.includes(response.status)) return timed;
      const anonymous = response.status === 401 && !(await this.auth.hasCredentials());
      throw await errorForResponse(response, context, anonymous);
    }
  }

  private context(request: RegistryRequest): RegistryErrorContext {
    return {
      registry: this.registry,
      operation: request.operation,
      ...(request.repository !== undefined ? { repository: request.repository } : {}),
    };
  }

  private async sendFollowingRedirects(
    request: RegistryRequest,
    origin: string,
    scopes: readonly string[],
    context: RegistryErrorContext,
  ): Promise<TimedResponse> {
    let url = new URL(request.url, origin).toString();
    // Credentials go to the registry's own origin only (not to a Location or redirect elsewhere).
    let authorization = new URL(url).origin === origin ? await this.auth.authorization(scopes) : undefined;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent, ...request.headers };
      if (authorization) headers.authorization = authorization;
      const body = request.body ? await request.body() : undefined;
      let timed: TimedResponse;
      try {
        timed = await timedFetch(
          this.transport.fetch,
          url,
          {
            method: request.method,
            headers,
            ...(body !== undefined ? { body: body as RequestInit['body'] } : {}),
          },
          this.options.timeouts,
        );
      } catch (error) {
        throw classifyNetworkError(error, context, url);
      }
      const location = timed.response.headers.get('location');
      if (!request.followRedirects || !REDIRECT_STATUSES.has(timed.response.status) || !location)
        return timed;
      await discardBody(timed);
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError(
          context,
          `${request.operation} on ${this.registry}: more than ${MAX_REDIRECTS} redirects`,
        );
      }
      const next = new URL(location, url);
      if (next.origin !== new URL(url).origin) authorization = undefined;
      url = next.toString();
    }
  }

  private async probe(): Promise<string> {
    const context: RegistryErrorContext = { registry: this.registry, operation: 'ping /v2/' };
    const candidates = schemeCandidates(this.registry, this.options.insecure);
    for (const [index, scheme] of candidates.entries()) {
      const origin = registryOrigin(scheme, this.registry);
      const url = `${origin}/v2/`;
      let timed: TimedResponse;
      try {
        timed = await timedFetch(
          this.transport.fetch,
          url,
          { method: 'GET', headers: { 'user-agent': this.options.userAgent } },
          this.options.timeouts,
        );
      } catch (error) {
        const canFallBack =
          index < candidates.length - 1 &&
          !isCertificateError(error) &&
          !(error instanceof TransferTimeoutError);
        if (canFallBack) continue;
        throw classifyNetworkError(error, context, url);
      }
      const { response } = timed;
      if (response.status === 200 || response.status === 401) {
        this.auth.useChallenges(parseWwwAuthenticate(response.headers.get('www-authenticate')));
        await discardBody(timed);
        return origin;
      }
      const error = await errorForResponse(response, context);
      if (error instanceof RetryableFailure) throw error;
      throw new RegistryError(
        error.context,
        `${context.operation} on ${this.registry} failed: HTTP ${response.status}; ${origin} does not answer like a registry (distribution API v2), check the host and port`,
      );
    }
    throw new RegistryError(context, `no scheme to reach ${this.registry}`);
  }
}
