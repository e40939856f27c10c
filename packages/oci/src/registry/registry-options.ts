import type { CredentialProvider } from '../auth-types';
import type { Digest } from '../model/descriptors';
import { RegistryOptionsError } from './registry-error';

/** The `fetch` the client calls; Node's global `fetch` has this shape. Tests may pass their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** How failed requests are retried: exponential backoff with jitter, bounded. */
export interface RetryPolicy {
  /** Total tries of one operation, the first included (1 = no retry). */
  readonly attempts: number;
  /** Delay before the first retry; doubled at each retry. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff delay. */
  readonly maxDelayMs: number;
  /** The longest `Retry-After` Slipway agrees to wait; a registry asking for more fails the operation. */
  readonly maxRetryAfterMs: number;
}

/** Per-request time limits. */
export interface RegistryTimeouts {
  /** From sending a request (its body included) to receiving the response headers; covers connecting. */
  readonly requestMs: number;
  /** Longest pause in a request or response body before the transfer is declared stalled. */
  readonly stallMs: number;
}

/** Progress of one blob transfer; `bytes` restarts from the resume point when an upload is retried. */
export interface TransferProgress {
  readonly direction: 'upload' | 'download';
  readonly digest: Digest;
  readonly bytes: number;
  readonly total: number;
}

/** Options of a `RegistryClient`; every field has a default (see `resolveRegistryOptions`). */
export interface RegistryClientOptions {
  /** Where credentials come from; anonymous when absent or when it gives undefined. */
  readonly credentials?: CredentialProvider;
  /** Allow plain HTTP and skip TLS verification for this registry. Explicit per registry. */
  readonly insecure?: boolean;
  /** Extra CA certificates (PEM) trusted for this registry, on top of the system ones. */
  readonly caCertificates?: readonly string[];
  readonly retry?: Partial<RetryPolicy>;
  readonly timeouts?: Partial<RegistryTimeouts>;
  /** Upload chunk size in bytes; 0 (the default) uploads each blob in one PUT (ECR mishandles chunks). */
  readonly chunkSize?: number;
  readonly userAgent?: string;
  /** Called as blob bytes go up or come down. */
  readonly onProgress?: (progress: TransferProgress) => void;
  /** Replaces the HTTP transport (tests); `insecure` and `caCertificates` are then its business. */
  readonly fetch?: FetchLike;
}

/** Options with every default applied. */
export interface ResolvedRegistryOptions {
  readonly credentials: CredentialProvider | undefined;
  readonly insecure: boolean;
  readonly caCertificates: readonly string[];
  readonly retry: RetryPolicy;
  readonly timeouts: RegistryTimeouts;
  readonly chunkSize: number;
  readonly userAgent: string;
  readonly onProgress: ((progress: TransferProgress) => void) | undefined;
  readonly fetch: FetchLike | undefined;
}

/** Default retry policy: 5 tries, 250 ms doubling up to 8 s, `Retry-After` honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Default time limits: 30 s for response headers, 60 s without body progress. */
export const DEFAULT_REGISTRY_TIMEOUTS: RegistryTimeouts = { requestMs: 30_000, stallMs: 60_000 };

/** The `User-Agent` sent when none is given. */
export const DEFAULT_USER_AGENT = 'slipway-oci/0.1';

/** Applies the defaults to client options. */
export function resolveRegistryOptions(options: RegistryClientOptions = {}): ResolvedRegistryOptions {
  const chunkSize = options.chunkSize ?? 0;
  if (!Number.isInteger(chunkSize) || chunkSize < 0) {
    throw new RegistryOptionsError('chunkSize', `use 0 (monolithic) or a positive integer, not ${chunkSize}`);
  }
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new RegistryOptionsError('retry.attempts', `use a positive integer, not ${retry.attempts}`);
  }
  return {
    credentials: options.credentials,
    insecure: options.insecure ?? false,
    caCertificates: options.caCertificates ?? [],
    retry,
    timeouts: { ...DEFAULT_REGISTRY_TIMEOUTS, ...options.timeouts },
    chunkSize,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    onProgress: options.onProgress,
    fetch: options.fetch,
  };
}
