import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type ImageReference, parseImageReference } from '@slipway/oci';
import { UsageError } from '../usage-error';

/** Where an image is: a registry, an OCI layout directory, an OCI archive or a docker-archive tarball. */
export type ImageLocation =
  | { readonly kind: 'registry'; readonly reference: ImageReference; readonly text: string }
  | { readonly kind: 'oci'; readonly path: string; readonly ref?: string; readonly text: string }
  | { readonly kind: 'oci-archive'; readonly path: string; readonly ref?: string; readonly text: string }
  | { readonly kind: 'docker-archive'; readonly path: string; readonly ref?: string; readonly text: string };

const PREFIXES = ['oci:', 'oci-archive:', 'docker-archive:', 'docker://'] as const;

/** Splits `PATH:REF` where REF is a trailing tag (no `/` in it). */
function pathAndRef(rest: string): { path: string; ref?: string } {
  const colon = rest.lastIndexOf(':');
  if (colon > 0 && !rest.slice(colon + 1).includes('/'))
    return { path: rest.slice(0, colon), ref: rest.slice(colon + 1) };
  return { path: rest };
}

/**
 * Reads a location as skopeo and crane users write it: `oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`,
 * `docker-archive:FILE[:TAG]`, `docker://REF`, an existing directory (OCI layout) or tar file (detected), or
 * else a registry reference.
 */
export async function parseLocation(text: string): Promise<ImageLocation> {
  const prefix = PREFIXES.find((p) => text.startsWith(p));
  if (prefix === 'docker://')
    return { kind: 'registry', reference: parseImageReference(text.slice(9)), text };
  if (prefix) {
    const { path, ref } = pathAndRef(text.slice(prefix.length));
    if (!path) throw new UsageError(`\`${text}\` names no path`);
    const kind = prefix.slice(0, -1) as 'oci' | 'oci-archive' | 'docker-archive';
    return { kind, path, text, ...(ref ? { ref } : {}) };
  }
  if (existsSync(text)) {
    if (statSync(text).isDirectory()) return { kind: 'oci', path: text, text };
    return { kind: (await isOciArchive(text)) ? 'oci-archive' : 'docker-archive', path: text, text };
  }
  if (text.startsWith('/') || text.startsWith('./') || text.startsWith('../') || /\.tar(\.gz)?$/.test(text)) {
    throw new UsageError(`\`${text}\` does not exist (a file or directory was expected)`);
  }
  return { kind: 'registry', reference: parseImageReference(text), text };
}

/** An OCI archive has an `oci-layout` entry; a docker archive has `manifest.json`. Reads the first headers. */
async function isOciArchive(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    for (let offset = 0; offset + 512 <= head.length; ) {
      const name = head
        .subarray(offset, offset + 100)
        .toString('utf8')
        .replace(/\0.*$/s, '');
      if (name === '') return false;
      if (name === 'oci-layout' || name === './oci-layout') return true;
      const size = Number.parseInt(
        head
          .subarray(offset + 124, offset + 136)
          .toString('utf8')
          .replace(/\0.*$/s, '')
          .trim() || '0',
        8,
      );
      offset += 512 + Math.ceil(size / 512) * 512;
    }
    return false;
  } finally {
    await handle.close();
  }
}

/** The tag or digest a registry reference asks for (`latest` when neither is written). */
export function registryRef(reference: ImageReference): string {
  return reference.digest ?? reference.tag ?? 'latest';
}
