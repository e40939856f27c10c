import type { PreparedRoot } from './pod-root';

/** A host path bound into the sandbox. */
export interface SandboxBind {
  readonly source: string;
  /** Absolute path inside the sandbox. */
  readonly target: string;
  readonly readOnly?: boolean;
}

/** Everything bubblewrap needs to run one container. */
export interface SandboxSpec {
  readonly root: PreparedRoot;
  readonly binds: readonly SandboxBind[];
  /** Exactly the environment of the process (nothing is inherited from Slipway). */
  readonly env: readonly (readonly [string, string])[];
  readonly cwd: string;
  readonly uid: number;
  readonly gid: number;
  readonly hostname: string;
  /** Share the host's network (true) or get a private namespace with only `lo` (false). */
  readonly network: boolean;
}

/** The file descriptor bubblewrap writes its JSON status to (child pid, then exit code). */
export const STATUS_FD = 3;
/** The file descriptor bubblewrap reads its NUL-separated arguments from. */
export const ARGS_FD = 4;

function rootArgs(root: PreparedRoot): string[] {
  switch (root.kind) {
    // Images need not have a /tmp; a world-writable sticky one is made when missing (an existing one or a
    // symlink is left alone).
    case 'overlay':
      return ['--bind', root.merged, '/', '--perms', '1777', '--dir', '/tmp'];
    case 'dir':
      return ['--bind', root.dir, '/', '--perms', '1777', '--dir', '/tmp'];
    case 'host':
      // Top-level entries one by one (rather than `/` itself) so that mount points for volumes can be made
      // in the sandbox's own root directory, which is a fresh tmpfs.
      return [
        ...root.entries.flatMap((entry) =>
          entry.symlink !== undefined
            ? ['--symlink', entry.symlink, `/${entry.name}`]
            : ['--ro-bind', `/${entry.name}`, `/${entry.name}`],
        ),
        '--bind',
        root.tmp,
        '/tmp',
      ];
  }
}

const depth = (path: string) => path.split('/').filter(Boolean).length;

/**
 * The bubblewrap options for a container, to be passed through `--args` (which keeps secrets in the
 * environment out of the host's process list; the command itself goes on the command line, since bubblewrap
 * takes it from there only): every namespace unshared (the network one unless `network`),
 * a fresh /proc and /dev, the binds parents first, the user, the working directory (created if missing, as
 * Kubernetes does), a clean environment, and the JSON status on fd 3.
 */
export function bwrapArgs(spec: SandboxSpec): string[] {
  const binds = [...spec.binds].sort((a, b) => depth(a.target) - depth(b.target));
  return [
    '--unshare-all',
    '--unshare-user',
    ...(spec.network ? ['--share-net'] : []),
    '--die-with-parent',
    ...rootArgs(spec.root),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...binds.flatMap((bind) => [bind.readOnly ? '--ro-bind' : '--bind', bind.source, bind.target]),
    ...(spec.cwd === '/' ? [] : ['--dir', spec.cwd]),
    '--chdir',
    spec.cwd,
    '--uid',
    String(spec.uid),
    '--gid',
    String(spec.gid),
    '--hostname',
    spec.hostname,
    '--clearenv',
    ...spec.env.flatMap(([name, value]) => ['--setenv', name, value]),
    '--json-status-fd',
    String(STATUS_FD),
  ];
}
