import { Command } from 'commander';
import type { NotifyIo } from './io';
import type { SlackFlags } from './slack';

export type { NotifyIo } from './io';

/** `slipway notify slack …`: tell a chat how a pipeline went. */
export function notifyCommand(io: NotifyIo): Command {
  const notify = new Command('notify')
    .description('Send notifications (Slack incoming webhooks)')
    .exitOverride();
  notify
    .command('slack')
    .description(
      'Post a message to a Slack incoming webhook (retries 429/5xx; a failure only warns unless --fail-on-error)',
    )
    .option('--webhook <url>', 'the incoming-webhook URL (visible to other users: prefer --webhook-secret)')
    .option('--webhook-secret <name[/key]>', 'read the URL from a local secret (key `url` by default)')
    .requiredOption('--text <text>', 'the message (also the notification text when --blocks-file is given)')
    .option('--channel <channel>', 'post to this channel instead of the webhook default')
    .option('--username <name>', 'the name to post as')
    .option('--icon-emoji <emoji>', 'the icon to post with, e.g. :rocket:')
    .option('--blocks-file <file>', 'a JSON file of Block Kit blocks')
    .option('--fail-on-error', 'exit 1 when the message cannot be delivered')
    .option('--home <dir>', 'state directory holding the secrets (default: $SLIPWAY_HOME or ~/.slipway)')
    .exitOverride()
    .action(async (flags: SlackFlags) => (await import('./slack')).runNotifySlack(flags, io));
  return notify;
}
