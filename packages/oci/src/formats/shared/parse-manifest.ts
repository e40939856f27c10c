import type {
  Descriptor,
  ImageConfig,
  ImageIndex,
  ImageManifest,
  RawManifest,
} from '../../model/descriptors';
import { isDigest } from '../../model/digest';
import { isIndexMediaType, isManifestMediaType, MediaType } from '../../model/media-types';
import { MalformedManifestError } from '../errors';

/** A manifest or index, parsed and checked, told apart by `kind`. */
export type ParsedManifest =
  | { readonly kind: 'manifest'; readonly manifest: ImageManifest }
  | { readonly kind: 'index'; readonly index: ImageIndex };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON bytes, naming `where` if they are not JSON. */
export function parseJsonBytes(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new MalformedManifestError(where, 'is not valid JSON', { cause: error });
  }
}

/** Checks that a value is a descriptor (media type, verifiable digest, non-negative integer size). */
export function checkDescriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw new MalformedManifestError(where, 'a descriptor is not an object');
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || mediaType === '') {
    throw new MalformedManifestError(where, 'a descriptor has no mediaType');
  }
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new MalformedManifestError(
      where,
      `descriptor digest \`${String(digest)}\` is not sha256:<64 hex> or sha512`,
    );
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new MalformedManifestError(where, `descriptor ${digest} has an invalid size \`${String(size)}\``);
  }
  return value as unknown as Descriptor;
}

/** The media type of manifest JSON: its `mediaType` field, else guessed from its shape (OCI allows omitting it). */
export function manifestMediaType(json: unknown): string {
  if (!isObject(json)) return '';
  if (typeof json.mediaType === 'string') return json.mediaType;
  if (Array.isArray(json.manifests)) return MediaType.ociIndex;
  if (isObject(json.config)) return MediaType.ociManifest;
  return '';
}

/** Parses and checks a manifest or index; its kind comes from its media type, or its shape for artifacts. */
export function parseManifest(raw: RawManifest, where: string): ParsedManifest {
  const json = parseJsonBytes(raw.bytes, where);
  if (!isObject(json)) throw new MalformedManifestError(where, 'is not a JSON object');
  if (json.schemaVersion !== 2) {
    throw new MalformedManifestError(
      where,
      `has schemaVersion ${String(json.schemaVersion)}; only 2 is supported`,
    );
  }
  const isIndex =
    isIndexMediaType(raw.mediaType) || (!isManifestMediaType(raw.mediaType) && 'manifests' in json);
  if (isIndex) {
    if (!Array.isArray(json.manifests))
      throw new MalformedManifestError(where, 'an index needs a `manifests` array');
    for (const entry of json.manifests) checkDescriptor(entry, where);
    return { kind: 'index', index: json as unknown as ImageIndex };
  }
  checkDescriptor(json.config, where);
  if (!Array.isArray(json.layers))
    throw new MalformedManifestError(where, 'a manifest needs a `layers` array');
  for (const entry of json.layers) checkDescriptor(entry, where);
  return { kind: 'manifest', manifest: json as unknown as ImageManifest };
}

/** Parses an image config and checks `rootfs.diff_ids`, the part every format relies on. */
export function parseImageConfig(bytes: Uint8Array, where: string): ImageConfig {
  const json = parseJsonBytes(bytes, where);
  if (!isObject(json)) throw new MalformedManifestError(where, 'the image config is not a JSON object');
  const rootfs = json.rootfs;
  if (!isObject(rootfs) || !Array.isArray(rootfs.diff_ids)) {
    throw new MalformedManifestError(where, 'the image config has no `rootfs.diff_ids` list');
  }
  for (const diffId of rootfs.diff_ids) {
    if (typeof diffId !== 'string' || !isDigest(diffId)) {
      throw new MalformedManifestError(
        where,
        `the image config lists \`${String(diffId)}\` as a layer diff_id`,
      );
    }
  }
  return json as unknown as ImageConfig;
}
