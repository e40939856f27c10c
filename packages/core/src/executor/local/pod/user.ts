import { readFile } from 'node:fs/promises';
import type { PodSecurityContext, SecurityContext } from '../../../spec/model';
import { PodSpecError } from '../errors';
import { resolveInRoot } from '../fs/resolve-in-root';

/** Who the container's process runs as, and its home directory when the image's passwd names one. */
export interface ResolvedUser {
  readonly uid: number;
  readonly gid: number;
  readonly home?: string;
}

interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** Reads a colon-separated file (`/etc/passwd`, `/etc/group`) of an image's root, as fields per line. */
export type ImageFileReader = (rootfs: string | undefined, path: string) => Promise<string[][]>;

/** Reads `/etc/passwd` or `/etc/group` of an image (resolved inside it, so a symlink cannot point at the host's). */
export async function readImageFile(rootfs: string | undefined, path: string): Promise<string[][]> {
  if (!rootfs) return [];
  // Missing, unreadable or looping (`/etc -> /etc`) files read as empty, as for an image without users.
  const text = await resolveInRoot(rootfs, path, [])
    .then((file) => readFile(file, 'utf8'))
    .catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

/**
 * A reader that reads each file of each image root once: cached images never change (a new image is a new
 * root), and every container of every pod would otherwise read its image's passwd again.
 */
export function cachedImageFiles(): ImageFileReader {
  const read = new Map<string, Promise<string[][]>>();
  return (rootfs, path) => {
    if (!rootfs) return Promise.resolve([]);
    const key = `${rootfs}\0${path}`;
    let lines = read.get(key);
    if (lines === undefined) {
      lines = readImageFile(rootfs, path);
      read.set(key, lines);
    }
    return lines;
  };
}

async function passwd(rootfs: string | undefined, read: ImageFileReader): Promise<PasswdEntry[]> {
  return (await read(rootfs, '/etc/passwd')).map((f) => ({
    name: f[0] ?? '',
    uid: Number(f[2]),
    gid: Number(f[3]),
    home: f[5] ?? '/',
  }));
}

const isNumber = (text: string) => /^\d+$/.test(text);

/** Narrows the template's untyped `securityContext` (a PodSecurityContext by schema). */
function podContext(value: unknown): PodSecurityContext {
  return typeof value === 'object' && value !== null ? (value as PodSecurityContext) : {};
}

/**
 * The user of a container: `runAsUser`/`runAsGroup` of the container, else of the pod, else the image's
 * USER (a name or uid, optionally `:group`, looked up in the image's /etc/passwd and /etc/group), else root.
 * `runAsNonRoot` with uid 0 is refused, as the kubelet does.
 */
export async function resolveUser(
  container: SecurityContext | undefined,
  podSecurityContext: unknown,
  imageUser: string | undefined,
  rootfs: string | undefined,
  read: ImageFileReader = readImageFile,
): Promise<ResolvedUser> {
  const pod = podContext(podSecurityContext);
  const users = await passwd(rootfs, read);
  let uid = 0;
  let gid: number | undefined;
  const [userPart = '', groupPart] = (imageUser ?? '').split(':');
  if (userPart !== '') {
    const entry = users.find((u) => (isNumber(userPart) ? u.uid === Number(userPart) : u.name === userPart));
    if (!entry && !isNumber(userPart)) {
      throw new PodSpecError(
        `the image's USER \`${userPart}\` is not in its /etc/passwd; use a numeric USER or set securityContext.runAsUser`,
      );
    }
    uid = entry?.uid ?? Number(userPart);
    gid = entry?.gid;
  }
  if (groupPart !== undefined && groupPart !== '') {
    const groups = await read(rootfs, '/etc/group');
    const group = groups.find((g) => (isNumber(groupPart) ? g[2] === groupPart : g[0] === groupPart));
    if (!group && !isNumber(groupPart)) {
      throw new PodSpecError(
        `the image's USER group \`${groupPart}\` is not in its /etc/group; use a numeric group`,
      );
    }
    gid = Number(group?.[2] ?? groupPart);
  }
  const runAsUser = container?.runAsUser ?? pod.runAsUser;
  if (runAsUser !== undefined) {
    uid = runAsUser;
    gid = users.find((u) => u.uid === runAsUser)?.gid ?? gid;
  }
  const runAsGroup = container?.runAsGroup ?? pod.runAsGroup;
  if (runAsGroup !== undefined) gid = runAsGroup;
  if ((container?.runAsNonRoot ?? pod.runAsNonRoot) && uid === 0) {
    throw new PodSpecError(
      'runAsNonRoot is set but the container would run as root; set runAsUser to a non-zero uid',
    );
  }
  const home = users.find((u) => u.uid === uid)?.home;
  return { uid, gid: gid ?? 0, ...(home ? { home } : {}) };
}
