import { setTimeout as sleep } from 'node:timers/promises';
import { WebhookDeliveryError } from './errors';

/** How a webhook is posted to. */
export interface PostWebhookOptions {
  /** Attempts in all, the first included (default 4). */
  readonly attempts?: number;
  /** Wait before the first retry when the answer gives no `Retry-After`; doubles each time (default 1 s). */
  readonly baseDelayMs?: number;
  /** Longest wait honoured from `Retry-After` (default 60 s). */
  readonly maxDelayMs?: number;
  /** Per-request timeout (default 15 s). */
  readonly timeoutMs?: number;
}

/** The webhook's answer to a delivered message. */
export interface WebhookAnswer {
  readonly status: number;
  readonly body: string;
  readonly attempts: number;
}

const MAX_BODY = 2048;

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Seconds or an HTTP date, as `Retry-After` may give; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * POSTs a JSON body to a webhook; retries 429 and 5xx answers and network failures, waiting as
 * `Retry-After` says when it is given. Throws `WebhookDeliveryError` with the last status and body.
 */
export async function postWebhook(
  url: string,
  payload: unknown,
  options: PostWebhookOptions = {},
): Promise<WebhookAnswer> {
  const attempts = options.attempts ?? 4;
  const host = new URL(url).host;
  const body = JSON.stringify(payload);
  let delay = options.baseDelayMs ?? 1000;
  let last: { status?: number; body: string; cause?: unknown } = { body: '' };
  let made = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    made = attempt;
    let wait = delay;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = (await response.text()).slice(0, MAX_BODY);
      if (response.ok) return { status: response.status, body: text, attempts: attempt };
      last = { status: response.status, body: text };
      if (!retryable(response.status)) break;
      wait = retryAfterMs(response.headers.get('retry-after')) ?? delay;
    } catch (error) {
      last = { body: '', cause: error };
    }
    if (attempt < attempts) await sleep(Math.min(wait, options.maxDelayMs ?? 60_000));
    delay *= 2;
  }
  throw new WebhookDeliveryError(host, last.status, last.body, made, { cause: last.cause });
}
