import { formatPlatform, hostPlatform, PlatformNotFoundError } from '../../copy/plan';
import type { Descriptor, ImageManifest, Platform, RawManifest } from '../../model/descriptors';
import { verifyBytes } from '../../model/digest';
import type { ImageSource } from '../../model/image-store';
import { MalformedManifestError } from '../errors';
import { parseManifest } from './parse-manifest';

/** A single-platform image found through a source, with the index it was chosen from if any. */
export interface ResolvedImage {
  readonly manifest: RawManifest;
  readonly parsed: ImageManifest;
  readonly index?: RawManifest;
}

/** Options for `resolveImage`. */
export interface ResolveImageOptions {
  /** Tag, ref name or digest; the source's default when omitted. */
  reference?: string;
  /** Platform to choose from an index; default: the only image, else this machine's linux platform. */
  platform?: Platform;
}

// Indexes of indexes exist (an index per variant); deeper nesting is a loop or an attack.
const MAX_DEPTH = 4;

/** Buildx stores attestations as `unknown/unknown` entries of the index; they are not runnable images. */
function isImageEntry(entry: Descriptor): boolean {
  return entry.platform?.os !== 'unknown' && entry.annotations?.['vnd.docker.reference.type'] === undefined;
}

/** Whether an index entry's platform satisfies `wanted`; a variant only counts when both name one. */
function platformMatches(candidate: Platform | undefined, wanted: Platform): boolean {
  if (!candidate || candidate.os !== wanted.os || candidate.architecture !== wanted.architecture)
    return false;
  return !candidate.variant || !wanted.variant || candidate.variant === wanted.variant;
}

function chooseEntry(source: ImageSource, entries: Descriptor[], platform: Platform | undefined): Descriptor {
  const images = entries.filter(isImageEntry);
  if (!platform && images.length === 1 && images[0]) return images[0];
  const wanted = platform ?? hostPlatform();
  const match = images.find((entry) => platformMatches(entry.platform, wanted));
  if (match) return match;
  const available = images.map((entry) => (entry.platform ? formatPlatform(entry.platform) : entry.digest));
  throw new PlatformNotFoundError(source.name, wanted, available);
}

/** Gets a manifest from `source` and, while it is an index, descends to the entry for the platform. */
export async function resolveImage(
  source: ImageSource,
  options: ResolveImageOptions = {},
): Promise<ResolvedImage> {
  let raw = await source.getManifest(options.reference);
  let index: RawManifest | undefined;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const parsed = parseManifest(raw, `${source.name} manifest ${raw.digest}`);
    if (parsed.kind === 'manifest')
      return { manifest: raw, parsed: parsed.manifest, ...(index ? { index } : {}) };
    index ??= raw;
    const entry = chooseEntry(source, parsed.index.manifests, options.platform);
    raw = await source.getManifest(entry.digest);
    verifyBytes(raw.bytes, entry, `${source.name} manifest ${entry.digest}`);
  }
  throw new MalformedManifestError(source.name, `indexes are nested more than ${MAX_DEPTH} deep`);
}
