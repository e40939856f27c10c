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
  /** `sleep`, which keeps a finished container's mount namespace until its outputs are read. */
  readonly sleep: string;
  /** util-linux `script`, which gives `tty: true` containers a pseudo-terminal. */
  readonly script: string;
  /** `stty`, to keep a pseudo-terminal from turning newlines into CR LF. */
  readonly stty: string;
  /** util-linux `setsid`, which gives each sandbox's supervisor a session of its own. */
  readonly setsid: string;
  /** GNU `base64`, which passes bubblewrap's options to a supervisor through a pipe. */
  readonly base64: string;
}

/** Where Debian and Ubuntu install them. */
export const DEFAULT_HOST_TOOLS: HostTools = {
  bwrap: '/usr/bin/bwrap',
  unshare: '/usr/bin/unshare',
  mount: '/usr/bin/mount',
  sh: '/bin/sh',
  cp: '/usr/bin/cp',
  git: '/usr/bin/git',
  sleep: '/usr/bin/sleep',
  script: '/usr/bin/script',
  stty: '/usr/bin/stty',
  setsid: '/usr/bin/setsid',
  base64: '/usr/bin/base64',
};
