import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import { OciError } from '../../errors';
import { createLayer } from '../../formats/layer/create-layer';
import type { LayerBlob, LayerEntry } from '../../formats/layer/layer-entry';
import { assembleImage, type MemoryImage } from './memory-image';

/** Where Debian's busybox-static installs its binary. */
export const DEFAULT_BUSYBOX = '/usr/bin/busybox';

/** The busybox binary is absent or cannot run in an empty image. */
export class BusyboxUnavailableError extends OciError {
  constructor(path: string, reason: string) {
    super(
      'SLIPWAY_OCI_TEST_BUSYBOX',
      `${path}: ${reason}; install a static busybox (Debian/Ubuntu: \`apt-get install busybox-static\`) or pass busyboxPath`,
    );
  }
}

/** Options for `buildBusyboxImage`. */
export interface BusyboxImageOptions {
  /** Applet links to create in `bin/` (default: every applet `busybox --list` names). */
  applets?: readonly string[];
  /** A second layer: path → content (mode 0644, parent directories added), or explicit entries. */
  extraFiles?: Readonly<Record<string, string | Uint8Array>> | readonly LayerEntry[];
  /** Image name and tag; default `slipway.test/busybox:latest`. Its tag part is the OCI layout ref name. */
  tag?: string;
  /** The static busybox to package; default `/usr/bin/busybox`. */
  busyboxPath?: string;
}

/** A dynamically linked ELF names its loader in a PT_INTERP program header, which an empty image lacks. */
function isStaticElf(binary: Buffer): boolean {
  if (binary.readUInt32BE(0) !== 0x7f454c46 || binary[4] !== 2 || binary[5] !== 1) return false;
  const phoff = Number(binary.readBigUInt64LE(0x20));
  const phentsize = binary.readUInt16LE(0x36);
  const phnum = binary.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 <= binary.byteLength && binary.readUInt32LE(at) === 3) return false;
  }
  return true;
}

const appletLists = new Map<string, Promise<string[]>>();

/** `busybox --list`, asked once per binary. */
function listApplets(path: string): Promise<string[]> {
  let list = appletLists.get(path);
  if (!list) {
    list = promisify(execFile)(path, ['--list']).then(
      ({ stdout }) =>
        stdout.split('\n').filter((name) => name !== '' && name !== 'busybox' && !name.includes('/')),
      (error: unknown) => {
        appletLists.delete(path);
        throw new BusyboxUnavailableError(path, `\`--list\` failed (${(error as Error).message})`);
      },
    );
    appletLists.set(path, list);
  }
  return list;
}

// Compressing the 2 MB binary dominates the build; tests build the same base layer many times.
const baseLayers = new Map<string, Promise<LayerBlob>>();

/** Layer 1, memoized per binary (path, size, mtime) and applet list; the build is deterministic anyway. */
async function baseLayer(path: string, applets: readonly string[]): Promise<LayerBlob> {
  const info = await stat(path);
  const key = [path, info.size, info.mtimeMs, ...applets].join('\n');
  let layer = baseLayers.get(key);
  if (!layer) {
    layer = (async () => {
      const binary = await readFile(path);
      if (!isStaticElf(binary))
        throw new BusyboxUnavailableError(path, 'is not a statically linked 64-bit ELF');
      const entries: LayerEntry[] = [
        { type: 'directory', path: 'bin' },
        { type: 'file', path: 'bin/busybox', content: binary, mode: 0o755 },
        ...applets.map(
          (applet): LayerEntry => ({ type: 'symlink', path: `bin/${applet}`, target: 'busybox' }),
        ),
      ];
      return createLayer(entries, { reproducible: true });
    })();
    baseLayers.set(key, layer);
    layer.catch(() => baseLayers.delete(key));
  }
  return layer;
}

async function extraLayer(extra: BusyboxImageOptions['extraFiles']): Promise<LayerBlob | undefined> {
  if (!extra) return undefined;
  if (Array.isArray(extra)) return createLayer(extra as readonly LayerEntry[], { reproducible: true });
  const entries = new Map<string, LayerEntry>();
  for (const [path, content] of Object.entries(extra)) {
    for (let dir = posix.dirname(path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
      entries.set(dir, { type: 'directory', path: dir });
    }
    entries.set(path, { type: 'file', path, content });
  }
  return createLayer(entries.values(), { reproducible: true });
}

/**
 * Builds, in memory and reproducibly, a tiny runnable image from the host's static busybox: layer 1 is
 * `bin/busybox` plus a symlink per applet, an optional layer 2 holds `extraFiles`; the config runs `sh` with a
 * standard PATH, for linux and this machine's architecture. The same inputs give the same digests.
 */
export async function buildBusyboxImage(options: BusyboxImageOptions = {}): Promise<MemoryImage> {
  const path = options.busyboxPath ?? DEFAULT_BUSYBOX;
  await stat(path).catch(() => {
    throw new BusyboxUnavailableError(path, 'does not exist');
  });
  const applets = options.applets ?? (await listApplets(path));
  const layers = [await baseLayer(path, applets)];
  const extra = await extraLayer(options.extraFiles);
  if (extra) layers.push(extra);
  return assembleImage(layers, {
    reference: options.tag ?? 'slipway.test/busybox:latest',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    history: [
      'slipway buildBusyboxImage: bin/busybox and applet links',
      'slipway buildBusyboxImage: extra files',
    ],
  });
}
