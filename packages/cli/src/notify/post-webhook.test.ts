import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { WebhookDeliveryError } from './errors';
import { postWebhook } from './post-webhook';

async function serve(status: number): Promise<{ url: string; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits++;
    request.resume();
    response.writeHead(status).end(`answer ${hits}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hits: () => hits, close: () => server.close() };
}

describe('postWebhook', () => {
  test('a webhook that keeps answering 503 is tried `attempts` times; the error carries the last answer', async () => {
    const busy = await serve(503);
    try {
      const error = await postWebhook(busy.url, { text: 'x' }, { attempts: 3, baseDelayMs: 1 }).then(
        () => assert.fail('should have failed'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof WebhookDeliveryError);
      assert.equal(error.status, 503);
      assert.equal(error.body, 'answer 3');
      assert.equal(error.attempts, 3);
      assert.equal(busy.hits(), 3);
      assert.doesNotMatch(error.message, /\/hook/, 'only the host is named');
    } finally {
      busy.close();
    }
  });

  test('a webhook nobody listens on is retried and reported without a status', async () => {
    const gone = await serve(200);
    gone.close();
    const error = await postWebhook(gone.url, { text: 'x' }, { attempts: 2, baseDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof WebhookDeliveryError);
    assert.equal(error.status, undefined);
    assert.equal(error.attempts, 2);
    assert.match(error.message, /could not be reached after 2 attempts/);
  });
});
