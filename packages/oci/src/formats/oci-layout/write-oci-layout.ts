import { copyImage } from '../../copy/copy-image';
import type { Digest, Platform } from '../../model/descriptors';
import type { ImageSource } from '../../model/image-store';
import { createOciLayout } from './oci-layout-sink';

/** Options for `writeOciLayout` and `writeOciArchive`. */
export interface WriteLayoutOptions {
  /** What to take from the source (tag, ref name, digest); its default when omitted. */
  reference?: string;
  /** The ref name to give it in the layout; untagged when omitted. */
  tag?: string;
  /** Take only this platform from an index; by default a whole index is copied. */
  platform?: Platform;
}

/** The image a layout now holds. */
export interface WrittenImage {
  readonly digest: Digest;
  readonly mediaType: string;
}

/** Copies an image (or a whole index) from `source` into the layout at `dir`, with the copy engine. */
export async function writeOciLayout(
  dir: string,
  source: ImageSource,
  options: WriteLayoutOptions = {},
): Promise<WrittenImage> {
  const sink = await createOciLayout(dir);
  const { reference, tag, platform } = options;
  const result = await copyImage(source, [{ sink, ...(tag !== undefined ? { tag } : {}) }], {
    ...(reference !== undefined ? { reference } : {}),
    ...(platform ? { platform } : { allPlatforms: true }),
    failFast: true,
  });
  const failure = result.destinations[0]?.error;
  if (failure) throw failure;
  return { digest: result.digest, mediaType: result.mediaType };
}
