import { RegistryError } from './registry-error';
import type { RetryPolicy } from './registry-options';

/** A failure worth another try (429, 5xx, connection reset, timeout); `error` is what to report if none is left. */
export class RetryableFailure extends Error {
  constructor(
    readonly error: RegistryError,
    /** What the registry asked for in `Retry-After`, if anything. */
    readonly retryAfterMs?: number,
  ) {
    super(error.message, { cause: error });
    this.name = 'RetryableFailure';
  }
}

/** HTTP statuses that may succeed when tried again. */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504
  );
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Backoff before retry number `retry` (1-based): exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, throws something other than a `RetryableFailure`, or the policy's
 * tries are spent; then the last failure's error is thrown, saying how many tries were made.
 * `onRetry` runs before each new try (to reset state).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  onRetry?: (failure: RetryableFailure, attemptNumber: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (n >= policy.attempts) throw exhausted(error.error, n);
      const retryAfter = error.retryAfterMs;
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
        throw new RegistryError(
          error.error.context,
          `${error.error.message} (the registry asked to retry after ${Math.ceil(retryAfter / 1000)} s, longer than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s Slipway waits; try again later)`,
          { cause: error.error },
        );
      }
      onRetry?.(error, n);
      await sleep(Math.max(retryAfter ?? 0, backoffDelay(n, policy)));
    }
  }
}

function exhausted(error: RegistryError, attempts: number): RegistryError {
  if (attempts <= 1) return error;
  return new RegistryError(error.context, `${error.message} (gave up after ${attempts} attempts)`, {
    cause: error.cause ?? error,
  });
}
