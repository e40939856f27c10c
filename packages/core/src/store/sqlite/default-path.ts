import { join } from 'node:path';

/** Where Slipway keeps its database by default: `~/.slipway/slipway.db` under the home directory given. */
export function defaultSqlitePath(homeDirectory: string): string {
  return join(homeDirectory, '.slipway', 'slipway.db');
}
