// ConfigMap and Secret volumes: each key (or each listed item) becomes a file, as the kubelet projects them.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Volume } from '../../../spec/model';
import { PodSpecError } from '../errors';
import type { KeyValueLookup } from './env';

/** Where a pod finds ConfigMaps and Secrets. */
export interface KeyVolumeLookups {
  readonly secrets?: KeyValueLookup;
  readonly configMaps?: KeyValueLookup;
}

/** Whether a volume is a ConfigMap or Secret volume (projected by `projectKeyVolume`). */
export function isKeyVolume(volume: Volume): boolean {
  return volume.configMap !== undefined || volume.secret !== undefined;
}

function safeItemPath(volume: string, path: string): string {
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
    throw new PodSpecError(`item path \`${path}\` of volume \`${volume}\` must be relative without \`..\``);
  }
  return path;
}

/**
 * Writes the files of a ConfigMap or Secret volume into `dir` (created): every key, or the listed `items` at
 * their `path`, with `mode`/`defaultMode` (default 0644). A missing object or key is an error unless the
 * volume (or nothing, for a key) is `optional`, when it is left out.
 */
export async function projectKeyVolume(
  volume: Volume,
  dir: string,
  lookups: KeyVolumeLookups,
): Promise<void> {
  const isSecret = volume.secret !== undefined;
  const source = volume.secret ?? volume.configMap ?? {};
  const kind = isSecret ? 'Secret' : 'ConfigMap';
  const name = (isSecret ? volume.secret?.secretName : volume.configMap?.name) ?? '';
  const lookup = isSecret ? lookups.secrets : lookups.configMaps;
  const data = lookup ? await lookup(name) : undefined;
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (data === undefined) {
    if (source.optional === true) return;
    throw new PodSpecError(
      `volume \`${volume.name}\`: ${kind} \`${name}\` does not exist; create it (slipway ${kind.toLowerCase()} create ${name} …) or mark the volume optional`,
    );
  }
  const items = source.items ?? Object.keys(data).map((key) => ({ key, path: key, mode: undefined }));
  for (const item of items) {
    const value = data[item.key];
    if (value === undefined) {
      if (source.optional === true) continue;
      throw new PodSpecError(`volume \`${volume.name}\`: ${kind} \`${name}\` has no key \`${item.key}\``);
    }
    const file = join(dir, safeItemPath(volume.name, item.path));
    await mkdir(dirname(file), { recursive: true, mode: 0o755 });
    await writeFile(file, value, { mode: item.mode ?? source.defaultMode ?? 0o644 });
  }
}
