import type { Descriptor, Digest, ImageIndex } from '../../model/descriptors';
import { MediaType } from '../../model/media-types';
import { InvalidArchiveError } from '../errors';
import { parseJsonBytes, parseManifest } from '../shared/parse-manifest';
import type { LayoutFiles } from './layout-files';

/** The annotation naming an image in an OCI layout's `index.json` (image-layout.md). */
export const REF_NAME = 'org.opencontainers.image.ref.name';
/** containerd and `docker save` also record the full image name. */
export const CONTAINERD_NAME = 'io.containerd.image.name';
/** The layout version Slipway writes. */
export const LAYOUT_VERSION = '1.0.0';
/** index.json is rewritten on every tag; a huge one is not a layout Slipway should load. */
export const MAX_INDEX = 16 * 1024 * 1024;

/** Where a blob lives in a layout. The digest must have passed `isDigest`, so it cannot contain `/` or `..`. */
export function blobPath(digest: Digest): string {
  const colon = digest.indexOf(':');
  return `blobs/${digest.slice(0, colon)}/${digest.slice(colon + 1)}`;
}

/** Reads and checks `oci-layout` and `index.json`. */
export async function readLayoutIndex(files: LayoutFiles): Promise<ImageIndex> {
  const marker = await files.readFile('oci-layout', 64 * 1024);
  if (!marker) {
    throw new InvalidArchiveError(
      files.name,
      'is not an OCI image layout (no `oci-layout` file); point at the layout root',
    );
  }
  const json = parseJsonBytes(marker, `${files.name} oci-layout`);
  const version =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).imageLayoutVersion : '';
  if (typeof version !== 'string' || !version.startsWith('1.')) {
    throw new InvalidArchiveError(
      files.name,
      `has image layout version \`${String(version)}\`; Slipway reads 1.x`,
    );
  }
  const bytes = await files.readFile('index.json', MAX_INDEX);
  if (!bytes) throw new InvalidArchiveError(files.name, 'has no `index.json`; the layout is incomplete');
  const raw = { mediaType: MediaType.ociIndex, digest: 'sha256:index' as Digest, bytes };
  const parsed = parseManifest(raw, `${files.name} index.json`);
  if (parsed.kind !== 'index')
    throw new InvalidArchiveError(files.name, '`index.json` is not an image index');
  return parsed.index;
}

/** The names an index.json entry answers to. */
export function namesOf(entry: Descriptor): string[] {
  const names = [entry.annotations?.[REF_NAME], entry.annotations?.[CONTAINERD_NAME]];
  return names.filter((name): name is string => typeof name === 'string' && name !== '');
}

/** The index.json entry named `ref` (by ref.name, or the containerd full name). */
export function findByName(index: ImageIndex, ref: string): Descriptor | undefined {
  return index.manifests.find((entry) => namesOf(entry).includes(ref));
}

/** Every name in index.json, for "not found" messages. */
export function allNames(index: ImageIndex): string[] {
  return index.manifests.map((entry) => namesOf(entry)[0] ?? entry.digest);
}
