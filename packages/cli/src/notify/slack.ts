import { WebhookDeliveryError } from './errors';
import type { NotifyIo } from './io';
import { postWebhook } from './post-webhook';
import { type SlackMessageFlags, slackPayload } from './slack-payload';
import { type WebhookFlags, webhookUrl } from './webhook-url';

/** Flags of `slipway notify slack`. */
export interface SlackFlags extends SlackMessageFlags, WebhookFlags {
  failOnError?: boolean;
}

/**
 * `slipway notify slack`: posts the message. A delivery failure prints the status and body and exits 1 with
 * `--fail-on-error`; without it the failure is a warning and the command succeeds, so a pipeline is not
 * failed by its notification.
 */
export async function runNotifySlack(flags: SlackFlags, io: NotifyIo): Promise<void> {
  const payload = await slackPayload(flags);
  const url = await webhookUrl(flags, io);
  try {
    const answer = await postWebhook(url, payload);
    io.stdout.write(
      `slack: message posted${payload.channel ? ` to ${payload.channel}` : ''} (HTTP ${answer.status}${answer.attempts > 1 ? ` after ${answer.attempts} attempts` : ''})\n`,
    );
  } catch (error) {
    if (!(error instanceof WebhookDeliveryError)) throw error;
    if (flags.failOnError) {
      io.stderr.write(`slipway: notify slack failed: ${error.message} [${error.code}]\n`);
      io.setExitCode(1);
    } else {
      io.stderr.write(
        `slipway: warning: notify slack failed (ignored without --fail-on-error): ${error.message}\n`,
      );
    }
  }
}
