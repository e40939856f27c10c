import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RegistryError } from './registry-error';
import { DEFAULT_RETRY_POLICY } from './registry-options';
import { backoffDelay, parseRetryAfter, RetryableFailure, withRetry } from './retry';

const policy = { ...DEFAULT_RETRY_POLICY, attempts: 3, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 50 };
const failure = (retryAfterMs?: number) =>
  new RetryableFailure(
    new RegistryError({ registry: 'r', operation: 'op', status: 503 }, 'op failed: HTTP 503'),
    retryAfterMs,
  );

describe('retry policy', () => {
  test('backoff doubles, is capped, and jitters within the upper half', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffDelay(1, p, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(1, p, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, p, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(10, p, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(10, p, () => 0),
      500,
    );
  });

  test('Retry-After in seconds or as a date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  test('retries retryable failures, then reports how many tries were made', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(policy, async () => {
        calls++;
        throw failure();
      }),
      (error: unknown) => error instanceof RegistryError && /gave up after 3 attempts/.test(error.message),
    );
    assert.equal(calls, 3);
  });

  test('does not retry other errors, and gives up on a Retry-After beyond the limit', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(policy, async () => {
        calls++;
        throw new TypeError('bug');
      }),
      TypeError,
    );
    assert.equal(calls, 1);
    await assert.rejects(
      withRetry(policy, async () => {
        throw failure(120_000);
      }),
      /asked to retry after 120 s/,
    );
  });

  test('succeeds after transient failures', async () => {
    let calls = 0;
    const result = await withRetry(policy, async () => {
      if (++calls < 3) throw failure();
      return 'ok';
    });
    assert.equal(result, 'ok');
  });
});
