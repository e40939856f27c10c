import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error';

/** Flags of `slipway notify slack` that shape the message. */
export interface SlackMessageFlags {
  text: string;
  channel?: string;
  username?: string;
  iconEmoji?: string;
  blocksFile?: string;
}

/** The JSON an incoming webhook takes. */
export interface SlackPayload {
  readonly text: string;
  readonly channel?: string;
  readonly username?: string;
  readonly icon_emoji?: string;
  readonly blocks?: readonly unknown[];
}

/** Reads `--blocks-file`: a JSON array of Block Kit blocks, or an object with a `blocks` array. */
async function readBlocks(path: string): Promise<unknown[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--blocks-file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const blocks = Array.isArray(json) ? json : (json as { blocks?: unknown } | null)?.blocks;
  if (
    !Array.isArray(blocks) ||
    !blocks.every((b) => typeof b === 'object' && b !== null && !Array.isArray(b))
  )
    throw new UsageError(
      `--blocks-file ${path} must hold a JSON array of block objects, or {"blocks": [...]}`,
    );
  return blocks;
}

/** Builds the webhook message from the flags (`text` always; the rest only when given). */
export async function slackPayload(flags: SlackMessageFlags): Promise<SlackPayload> {
  if (flags.text.trim() === '') throw new UsageError('--text is empty; Slack needs a message text');
  const emoji = flags.iconEmoji;
  if (emoji !== undefined && !/^:[^:\s]+:$/.test(emoji))
    throw new UsageError(`--icon-emoji takes a name between colons, e.g. :rocket:, got \`${emoji}\``);
  return {
    text: flags.text,
    ...(flags.channel !== undefined ? { channel: flags.channel } : {}),
    ...(flags.username !== undefined ? { username: flags.username } : {}),
    ...(emoji !== undefined ? { icon_emoji: emoji } : {}),
    ...(flags.blocksFile !== undefined ? { blocks: await readBlocks(flags.blocksFile) } : {}),
  };
}
