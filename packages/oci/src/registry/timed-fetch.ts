import { OciError } from '../errors';
import type { FetchLike, RegistryTimeouts } from './registry-options';

/** A transfer that made no progress in time: no response headers, or a body that stopped moving. */
export class TransferTimeoutError extends OciError {
  constructor(
    readonly phase: 'headers' | 'body',
    readonly timeoutMs: number,
  ) {
    super(
      'SLIPWAY_OCI_REGISTRY_TIMEOUT',
      phase === 'headers'
        ? `no response within ${timeoutMs} ms; the registry may be overloaded, raise timeouts.requestMs if it is just slow`
        : `the transfer stalled: no data moved for ${timeoutMs} ms; raise timeouts.stallMs if the link is just slow`,
    );
  }
}

/** A response body larger than Slipway accepts for what it is (a manifest, a tag list, a token). */
export class ResponseTooLargeError extends OciError {
  constructor(readonly limit: number) {
    super(
      'SLIPWAY_OCI_REGISTRY_RESPONSE_TOO_LARGE',
      `the response is larger than ${limit} bytes; refusing it`,
    );
  }
}

/** A response and the means to abort what is left of it (its body). */
export interface TimedResponse {
  readonly response: Response;
  readonly url: string;
  readonly abort: (reason: unknown) => void;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * One `fetch` with time limits: a streamed request body must keep moving (`stallMs` between chunks),
 * then the response headers must arrive within `requestMs`. Redirects are not followed.
 */
export async function timedFetch(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  timeouts: RegistryTimeouts,
): Promise<TimedResponse> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const arm = (error: TransferTimeoutError) => {
    clearTimeout(timer);
    if (settled) return; // the body may still be pulled after an early answer: nothing left to time
    timer = setTimeout(() => controller.abort(error), error.timeoutMs).unref();
  };
  const settle = () => {
    settled = true;
    clearTimeout(timer);
  };
  const headersTimeout = new TransferTimeoutError('headers', timeouts.requestMs);
  const stallTimeout = new TransferTimeoutError('body', timeouts.stallMs);
  let body = init.body;
  const source = init.body;
  if (isAsyncIterable(source)) {
    body = (async function* () {
      arm(stallTimeout);
      for await (const chunk of source) {
        arm(stallTimeout);
        yield chunk;
      }
      arm(headersTimeout);
    })() as unknown as RequestInit['body'];
  } else {
    arm(headersTimeout);
  }
  try {
    const response = await fetchFn(url, {
      ...init,
      body,
      redirect: 'manual',
      signal: controller.signal,
      ...(isAsyncIterable(source) ? { duplex: 'half' } : {}),
    } as RequestInit);
    settle();
    return { response, url, abort: (reason) => controller.abort(reason) };
  } catch (error) {
    settle();
    if (controller.signal.aborted && controller.signal.reason instanceof TransferTimeoutError) {
      throw controller.signal.reason;
    }
    throw error;
  }
}

/**
 * The body of a response as chunks, failing with `TransferTimeoutError` when no chunk comes for
 * `stallMs`. Stopping early cancels the body.
 */
export async function* bodyChunks(timed: TimedResponse, stallMs: number): AsyncGenerator<Uint8Array> {
  const body = timed.response.body;
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    while (true) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new TransferTimeoutError('body', stallMs);
          timed.abort(error);
          reject(error);
        }, stallMs).unref();
      });
      try {
        const next = await Promise.race([reader.read(), stalled]);
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The whole body, failing when it is larger than `limit` bytes or stalls. */
export async function readBodyBytes(
  timed: TimedResponse,
  stallMs: number,
  limit: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(timed, stallMs)) {
    size += chunk.byteLength;
    if (size > limit) throw new ResponseTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Drops a response body that is not needed, so its connection can be reused. */
export async function discardBody(timed: TimedResponse): Promise<void> {
  await timed.response.body?.cancel().catch(() => {});
}
