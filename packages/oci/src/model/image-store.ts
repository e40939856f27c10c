import type { Readable } from 'node:stream';
import type { Descriptor, RawManifest } from './descriptors';

/**
 * Somewhere images can be read from: a registry repository, an OCI layout, a docker-archive tar.
 * Blobs are returned as streams verified against their descriptor (with `verifyingStream`): content that
 * does not match fails the stream with DigestMismatchError instead of being delivered.
 */
export interface ImageSource {
  /** A human name for messages: `127.0.0.1:5000/team/app`, `oci:./out`, `image.tar`. */
  readonly name: string;
  /** The manifest or index for a tag or digest (the source's default when omitted). */
  getManifest(reference?: string): Promise<RawManifest>;
  /** The content of a blob, checked against the descriptor's digest and size as it is read. */
  openBlob(descriptor: Descriptor): Promise<Readable>;
}

/** Somewhere images can be written: a registry repository, an OCI layout. */
export interface ImageSink {
  readonly name: string;
  /** Whether the blob is already there (so it need not be sent). */
  hasBlob(descriptor: Descriptor): Promise<boolean>;
  /** Stores a blob; `open` may be called more than once (retries) and must give the same bytes each time. */
  putBlob(descriptor: Descriptor, open: () => Promise<Readable>): Promise<void>;
  /** Stores a manifest or index under its digest and, when given, a tag. Blobs it names must already be there. */
  putManifest(manifest: RawManifest, tag?: string): Promise<void>;
}
