import { OciError } from '../errors';

/** A tar entry that would land outside the tree it is extracted to: absolute path, `..`, escaping link. */
export class UnsafeTarError extends OciError {
  constructor(
    readonly archive: string,
    readonly entry: string,
    reason: string,
  ) {
    super(
      'SLIPWAY_OCI_UNSAFE_TAR',
      `${archive}: tar entry \`${entry}\` ${reason}; the archive was rejected — rebuild it with relative paths that stay inside the tree`,
    );
  }
}

/** A manifest (`manifest.json`, `index.json`) that names a file outside the archive or layout. */
export class UnsafeArchivePathError extends OciError {
  constructor(
    readonly archive: string,
    readonly path: string,
  ) {
    super(
      'SLIPWAY_OCI_UNSAFE_PATH',
      `${archive}: the manifest names \`${path}\`, which is outside the archive; it was rejected — the archive is corrupt or malicious`,
    );
  }
}

/** An archive or layout whose structure is wrong: not a tar, missing or malformed `manifest.json` / `index.json`. */
export class InvalidArchiveError extends OciError {
  constructor(
    readonly archive: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_INVALID_ARCHIVE', `${archive}: ${reason}`, options);
  }
}

/** A manifest, index or config whose JSON does not have the shape the OCI image spec requires. */
export class MalformedManifestError extends OciError {
  constructor(
    readonly where: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_MALFORMED_MANIFEST', `${where}: ${reason}`, options);
  }
}

/** A blob named by a manifest that is not in the archive, layout or image. */
export class MissingBlobError extends OciError {
  constructor(
    readonly where: string,
    readonly digest: string,
    hint = 'the image is incomplete; copy it again from its origin',
  ) {
    super('SLIPWAY_OCI_MISSING_BLOB', `${where}: blob ${digest} is not there; ${hint}`);
  }
}

/** No image matches the requested tag, ref name, digest or index. */
export class ImageNotFoundError extends OciError {
  constructor(
    readonly where: string,
    readonly reference: string,
    available: readonly string[],
  ) {
    const list = available.length > 0 ? `available: ${available.join(', ')}` : 'it holds no images';
    super('SLIPWAY_OCI_IMAGE_NOT_FOUND', `${where}: no image matches \`${reference}\` (${list})`);
  }
}

/** Several images match and none was chosen. */
export class AmbiguousImageError extends OciError {
  constructor(
    readonly where: string,
    available: readonly string[],
  ) {
    super(
      'SLIPWAY_OCI_AMBIGUOUS_IMAGE',
      `${where}: holds ${available.length} images (${available.join(', ')}); choose one by tag or index`,
    );
  }
}

/** Layer compression this runtime cannot decode (zstd before Node has `zlib.createZstdDecompress`). */
export class UnsupportedCompressionError extends OciError {
  constructor(
    readonly where: string,
    readonly compression: string,
  ) {
    super(
      'SLIPWAY_OCI_UNSUPPORTED_COMPRESSION',
      `${where}: ${compression} layers cannot be decompressed on Node ${process.versions.node}; use a Node with zlib ${compression} support or recompress the image with gzip (e.g. \`skopeo copy --dest-compress-format gzip\`)`,
    );
  }
}
