import { lstat, mkdir } from 'node:fs/promises';
import { posix } from 'node:path';
import type { VolumeMount } from '../../../spec/model';
import { PodSpecError } from '../errors';
import { resolveInRoot } from '../fs/resolve-in-root';
import type { SandboxBind } from '../sandbox/bwrap-args';

/** A volume of the pod, already a directory on the host. */
export interface PodVolume {
  readonly name: string;
  readonly hostPath: string;
  readonly readOnly?: boolean;
}

/** Checks and normalizes an absolute path inside the container (`/work/`, `/a/./b` → `/work`, `/a/b`). */
export function containerPath(path: string, what: string): string {
  if (!path.startsWith('/') || path.split('/').includes('..')) {
    throw new PodSpecError(`${what} \`${path}\` must be an absolute path without \`..\``);
  }
  return posix.normalize(path).replace(/(.)\/$/, '$1');
}

/**
 * Bind mounts for a container's `volumeMounts`. A `subPath` is resolved inside its volume (a symlink a step
 * left in a shared volume cannot point a later mount at the host) and created when missing, as the kubelet does.
 */
export async function volumeBinds(
  mounts: readonly VolumeMount[],
  volumes: ReadonlyMap<string, PodVolume>,
): Promise<SandboxBind[]> {
  const binds: SandboxBind[] = [];
  for (const mount of mounts) {
    const volume = volumes.get(mount.name);
    if (!volume) {
      throw new PodSpecError(
        `volumeMount \`${mount.name}\` names no volume of the pod; add it to \`volumes\` or \`volumeClaimTemplates\``,
      );
    }
    const target = containerPath(mount.mountPath, `mountPath of volume \`${mount.name}\``);
    let source = volume.hostPath;
    if (mount.subPath) {
      if (mount.subPath.startsWith('/') || mount.subPath.split('/').includes('..')) {
        throw new PodSpecError(
          `subPath \`${mount.subPath}\` of volume \`${mount.name}\` must be relative without \`..\``,
        );
      }
      source = await resolveInRoot(volume.hostPath, mount.subPath, []);
      if (!(await lstat(source).catch(() => undefined))) await mkdir(source, { recursive: true });
    }
    binds.push({ source, target, readOnly: Boolean(mount.readOnly || volume.readOnly) });
  }
  return binds;
}
