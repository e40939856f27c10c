import {
  type Descriptor,
  type ImageSource,
  MediaType,
  type OciLayoutSource,
  type RawManifest,
  sha256Digest,
} from '@slipway/oci';

/**
 * An OCI layout seen as one image index: its `index.json` is the index (what `crane push --index` sends),
 * and every manifest and blob is read from the layout.
 */
export function layoutAsIndex(layout: OciLayoutSource): ImageSource {
  const bytes = Buffer.from(
    JSON.stringify({ ...layout.index, mediaType: layout.index.mediaType ?? MediaType.ociIndex }),
  );
  const index: RawManifest = { mediaType: MediaType.ociIndex, digest: sha256Digest(bytes), bytes };
  return {
    name: layout.name,
    getManifest: async (reference?: string) =>
      reference === undefined || reference === index.digest ? index : layout.getManifest(reference),
    openBlob: (descriptor: Descriptor) => layout.openBlob(descriptor),
  };
}
