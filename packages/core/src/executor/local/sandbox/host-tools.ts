/** Host programs the local executor runs; absolute paths avoid depending on the caller's PATH. */
export interface HostTools {
  readonly bwrap: string;
  /** util-linux `unshare`, to mount overlays in a user namespace of their own. */
  readonly unshare: string;
  /** util-linux `mount`, run inside that namespace. */
  readonly mount: string;
  readonly sh: string;
  /** GNU `cp` (for `--reflink=auto`). */
  readonly cp: string;
  readonly git: string;
}

/** Where Debian and Ubuntu install them. */
export const DEFAULT_HOST_TOOLS: HostTools = {
  bwrap: '/usr/bin/bwrap',
  unshare: '/usr/bin/unshare',
  mount: '/usr/bin/mount',
  sh: '/bin/sh',
  cp: '/usr/bin/cp',
  git: '/usr/bin/git',
};
