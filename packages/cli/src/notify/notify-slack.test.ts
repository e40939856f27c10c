import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const main = join(import.meta.dirname, '..', 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'slipway-notify-'));

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** A loopback webhook: answers each request with the next of `answers` (the last one repeats). */
async function receiver(
  answers: { status: number; body: string; headers?: Record<string, string> }[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({
      path: request.url ?? '',
      contentType: request.headers['content-type'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    const answer = answers[Math.min(received.length, answers.length) - 1] ?? { status: 500, body: '' };
    response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T0/B0/secret`, received, server };
}

function slipway(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const { SLACK_WEBHOOK_URL: _ignored, ...inherited } = process.env;
    execFile(
      process.execPath,
      ['--import', 'tsx', main, ...args],
      { env: { ...inherited, ...env } },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

describe('slipway notify slack against a loopback webhook', () => {
  const servers: Server[] = [];
  let ok: Awaited<ReturnType<typeof receiver>>;

  before(async () => {
    ok = await receiver([{ status: 200, body: 'ok' }]);
    servers.push(ok.server);
  });

  after(() => {
    for (const server of servers) server.close();
  });

  test('posts the incoming-webhook JSON with the optional fields and prints one line', async () => {
    const blocks = join(work, 'blocks.json');
    const block = { type: 'section', text: { type: 'mrkdwn', text: '*build* passed' } };
    writeFileSync(blocks, JSON.stringify({ blocks: [block] }));
    const run = await slipway([
      'notify',
      'slack',
      '--webhook',
      ok.url,
      '--text',
      'build passed',
      '--channel',
      '#ci',
      '--username',
      'slipway',
      '--icon-emoji',
      ':rocket:',
      '--blocks-file',
      blocks,
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'slack: message posted to #ci (HTTP 200)\n');
    const last = ok.received.at(-1);
    assert.equal(last?.path, '/services/T0/B0/secret');
    assert.match(last?.contentType ?? '', /^application\/json/);
    assert.deepEqual(last?.body, {
      text: 'build passed',
      channel: '#ci',
      username: 'slipway',
      icon_emoji: ':rocket:',
      blocks: [block],
    });
  });

  test('the URL comes from a local secret (key url, or NAME/KEY), else SLACK_WEBHOOK_URL', async () => {
    const home = join(work, 'home');
    const create = await slipway([
      'secret',
      'create',
      'slack',
      '--from-literal',
      `url=${ok.url}`,
      '--from-literal',
      `alerts=${ok.url}?alerts`,
      '--home',
      home,
    ]);
    assert.equal(create.status, 0, create.stderr);
    const before = ok.received.length;
    const bySecret = await slipway([
      'notify',
      'slack',
      '--webhook-secret',
      'slack',
      '--text',
      'a',
      '--home',
      home,
    ]);
    assert.equal(bySecret.status, 0, bySecret.stderr);
    const byKey = await slipway(['notify', 'slack', '--webhook-secret', 'slack/alerts', '--text', 'b'], {
      SLIPWAY_HOME: home,
    });
    assert.equal(byKey.status, 0, byKey.stderr);
    const byEnv = await slipway(['notify', 'slack', '--text', 'c'], { SLACK_WEBHOOK_URL: ok.url });
    assert.equal(byEnv.status, 0, byEnv.stderr);
    assert.deepEqual(
      ok.received.slice(before).map((r) => [r.path, (r.body as { text: string }).text]),
      [
        ['/services/T0/B0/secret', 'a'],
        ['/services/T0/B0/secret?alerts', 'b'],
        ['/services/T0/B0/secret', 'c'],
      ],
    );
    const missing = await slipway([
      'notify',
      'slack',
      '--webhook-secret',
      'slack/nope',
      '--text',
      'x',
      '--home',
      home,
    ]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /secret `slack` has no key `nope` \(it has: url, alerts\)/);
    assert.doesNotMatch(missing.stderr, /services/, 'the webhook URL is a secret and is not printed');
  });

  test('a 500 is retried (honouring Retry-After) and the message then goes through', async () => {
    const flaky = await receiver([
      { status: 500, body: 'busy', headers: { 'retry-after': '0' } },
      { status: 200, body: 'ok' },
    ]);
    servers.push(flaky.server);
    const run = await slipway(['notify', 'slack', '--webhook', flaky.url, '--text', 'retry me']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(flaky.received.length, 2);
    assert.deepEqual(flaky.received[1]?.body, { text: 'retry me' });
    assert.equal(run.stdout, 'slack: message posted (HTTP 200 after 2 attempts)\n');
  });

  test('a 404 fails open by default and exits 1 with --fail-on-error, printing the status and body', async () => {
    const gone = await receiver([{ status: 404, body: 'no_service' }]);
    servers.push(gone.server);
    const open = await slipway(['notify', 'slack', '--webhook', gone.url, '--text', 'x']);
    assert.equal(open.status, 0);
    assert.equal(open.stdout, '');
    assert.match(open.stderr, /warning: .*HTTP 404: no_service/);
    assert.equal(gone.received.length, 1, 'a 404 is not retried');
    const strict = await slipway([
      'notify',
      'slack',
      '--webhook',
      gone.url,
      '--text',
      'x',
      '--fail-on-error',
    ]);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /HTTP 404: no_service.*SLIPWAY_NOTIFY_DELIVERY/);
    assert.doesNotMatch(strict.stderr, /services\/T0/, 'only the host of the webhook is printed');
  });

  test('without any webhook, or with a bad blocks file, it is a usage error (exit 2)', async () => {
    const none = await slipway(['notify', 'slack', '--text', 'x']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no webhook: pass --webhook URL/);
    const bad = join(work, 'bad-blocks.json');
    writeFileSync(bad, '{"blocks": "nope"}');
    const blocks = await slipway([
      'notify',
      'slack',
      '--webhook',
      ok.url,
      '--text',
      'x',
      '--blocks-file',
      bad,
    ]);
    assert.equal(blocks.status, 2);
    assert.match(blocks.stderr, /must hold a JSON array of block objects/);
  });
});
