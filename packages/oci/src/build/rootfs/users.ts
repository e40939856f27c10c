import { readFile } from 'node:fs/promises';
import { hostPathInRoot } from './resolve-in-root';

/** Numeric user and group ids. */
export interface Ids {
  readonly uid: number;
  readonly gid: number;
}

async function table(root: string, file: string): Promise<string[][]> {
  const text = await readFile(await hostPathInRoot(root, file), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

const NUMBER = /^\d+$/;

/**
 * Resolves `user[:group]` (names or numbers) against the tree's /etc/passwd and /etc/group, as USER and
 * `--chown` do; a user without a group gets its primary group. Undefined when a name is not found.
 */
export async function resolveIds(root: string, spec: string): Promise<Ids | { missing: string }> {
  const [user = '', group] = spec.split(':');
  const passwd =
    NUMBER.test(user) && (group === undefined || NUMBER.test(group)) && group !== undefined
      ? []
      : await table(root, '/etc/passwd');
  let uid: number;
  let primary = 0;
  if (NUMBER.test(user)) {
    uid = Number(user);
    const row = passwd.find((fields) => fields[2] === user);
    primary = row ? Number(row[3]) : 0;
  } else {
    const row = passwd.find((fields) => fields[0] === user);
    if (!row) return { missing: `user \`${user}\` (not in /etc/passwd)` };
    uid = Number(row[2]);
    primary = Number(row[3]);
  }
  if (group === undefined || group === '') return { uid, gid: primary };
  if (NUMBER.test(group)) return { uid, gid: Number(group) };
  const row = (await table(root, '/etc/group')).find((fields) => fields[0] === group);
  if (!row) return { missing: `group \`${group}\` (not in /etc/group)` };
  return { uid, gid: Number(row[2]) };
}

/** Whether a `user[:group]` spec is all numbers (so it needs no /etc/passwd). */
export function isNumericIds(spec: string): boolean {
  return spec.split(':').every((part) => NUMBER.test(part));
}
