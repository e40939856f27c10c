import { join } from 'node:path';
import { UsageError } from '../usage-error';
import { homeOf } from '../workflow/home';
import type { NotifyIo } from './io';

/** Where the webhook URL comes from, as the flags say. */
export interface WebhookFlags {
  webhook?: string;
  webhookSecret?: string;
  home?: string;
}

function checkUrl(url: string, from: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${from} is not a URL (expected https://hooks.slack.com/services/…)`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new UsageError(`${from} must be an http(s) URL, not ${parsed.protocol}`);
  return url;
}

/** Reads `NAME[/KEY]` (key `url` by default) from the local secret store. */
async function urlFromSecret(ref: string, flags: WebhookFlags, io: NotifyIo): Promise<string> {
  const slash = ref.indexOf('/');
  const name = slash < 0 ? ref : ref.slice(0, slash);
  const key = slash < 0 ? 'url' : ref.slice(slash + 1);
  if (!name || !key) throw new UsageError(`--webhook-secret takes NAME or NAME/KEY, got \`${ref}\``);
  const { SqliteStore } = await import('@slipway/core');
  const store = new SqliteStore(join(homeOf(flags, io), 'slipway.db'));
  try {
    const data = await store.getSecret(name);
    if (!data)
      throw new UsageError(
        `no secret named \`${name}\`; create it with \`slipway secret create ${name} --from-literal ${key}=URL\``,
      );
    const value = data[key];
    if (value === undefined)
      throw new UsageError(
        `secret \`${name}\` has no key \`${key}\` (it has: ${Object.keys(data).join(', ') || 'none'})`,
      );
    return checkUrl(value.trim(), `secret ${name}/${key}`);
  } finally {
    await store.close();
  }
}

/** The webhook URL: `--webhook`, else `--webhook-secret`, else `SLACK_WEBHOOK_URL`. */
export async function webhookUrl(flags: WebhookFlags, io: NotifyIo): Promise<string> {
  if (flags.webhook !== undefined && flags.webhookSecret !== undefined)
    throw new UsageError('give the webhook with --webhook or --webhook-secret, not both');
  if (flags.webhook !== undefined) return checkUrl(flags.webhook, '--webhook');
  if (flags.webhookSecret !== undefined) return urlFromSecret(flags.webhookSecret, flags, io);
  const fromEnv = io.env.SLACK_WEBHOOK_URL;
  if (fromEnv) return checkUrl(fromEnv, 'SLACK_WEBHOOK_URL');
  throw new UsageError(
    'no webhook: pass --webhook URL or --webhook-secret NAME[/KEY], or set SLACK_WEBHOOK_URL',
  );
}
