import type { Descriptor, Digest } from '../../model/descriptors';

/** Ownership, permissions and time of an entry; omitted fields default to root, 0644/0755 and the fixed mtime. */
export interface EntryMetadata {
  /** Permission bits (0o7777 range). */
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
}

/** Content of a file: bytes, UTF-8 text, or a file on disk streamed when the layer is written. */
export type FileContent = Uint8Array | string | { readonly fromPath: string };

/**
 * One entry of a layer to create. Paths are relative to the image root (`bin/sh`, no leading `/`).
 * `whiteout` deletes `path` from lower layers; `opaque` hides everything lower layers have under directory `path`.
 */
export type LayerEntry =
  | ({ type: 'file'; path: string; content: FileContent } & EntryMetadata)
  | ({ type: 'directory'; path: string } & EntryMetadata)
  | ({ type: 'symlink'; path: string; target: string } & EntryMetadata)
  | ({ type: 'hardlink'; path: string; target: string } & EntryMetadata)
  | { type: 'whiteout'; path: string }
  | { type: 'opaque'; path: string };

/** A layer blob made in memory: its descriptor (compressed digest), its diffId (uncompressed digest) and bytes. */
export interface LayerBlob {
  readonly descriptor: Descriptor;
  readonly diffId: Digest;
  readonly bytes: Buffer;
}

/** Options for creating a layer. */
export interface CreateLayerOptions {
  /** Sort entries by path and set every mtime to `mtime`, so the same input gives the same digest. */
  reproducible?: boolean;
  /** The mtime of entries that give none (all entries when `reproducible`); default: the Unix epoch. */
  mtime?: Date;
  /** `gzip` (default) or `none` for a plain tar. */
  compression?: 'gzip' | 'none';
  /** zlib level 0–9 (default 6); 0 stores, which suits incompressible data. */
  gzipLevel?: number;
  /** Descriptor media type; default: the OCI layer type for the compression. */
  mediaType?: string;
}

/** The prefix of whiteout files (OCI image spec, layer.md "Whiteouts"). */
export const WHITEOUT_PREFIX = '.wh.';
/** The name of the opaque-directory marker file. */
export const OPAQUE_MARKER = '.wh..wh..opq';
