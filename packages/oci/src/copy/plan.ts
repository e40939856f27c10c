import { OciError } from '../errors';
import type { Descriptor, ImageIndex, ImageManifest, Platform, RawManifest } from '../model/descriptors';
import { verifyBytes } from '../model/digest';
import type { ImageSource } from '../model/image-store';
import { isIndexMediaType } from '../model/media-types';

/** What a copy sends: manifests children first, and every blob they name. */
export interface CopyPlan {
  /** Manifests to put, in order; the last one is what the destination tag points at. */
  readonly manifests: RawManifest[];
  /** Distinct blobs (configs and layers) of all those manifests. */
  readonly blobs: Descriptor[];
}

/** An index has no image for the platform asked for. */
export class PlatformNotFoundError extends OciError {
  constructor(source: string, wanted: Platform, available: string[]) {
    super(
      'SLIPWAY_OCI_PLATFORM',
      `${source} has no image for ${formatPlatform(wanted)}; it has ${available.join(', ') || 'none'}: pick one with --platform or copy them all with --all-platforms`,
    );
  }
}

/** `linux/amd64`, `linux/arm64/v8`. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** Parses `os/arch[/variant]`. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture)
    throw new OciError(
      'SLIPWAY_OCI_PLATFORM',
      `platform \`${text}\` must be os/arch[/variant], e.g. linux/amd64`,
    );
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** The platform of this machine, as images name it. */
export function hostPlatform(): Platform {
  const architecture =
    (
      { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', s390x: 's390x', ppc64: 'ppc64le' } as Record<
        string,
        string
      >
    )[process.arch] ?? process.arch;
  return { os: 'linux', architecture };
}

function parseJson<T>(raw: RawManifest, source: string): T {
  try {
    return JSON.parse(Buffer.from(raw.bytes).toString('utf8')) as T;
  } catch (error) {
    throw new OciError('SLIPWAY_OCI_MANIFEST', `${source}: manifest ${raw.digest} is not valid JSON`, {
      cause: error,
    });
  }
}

function matches(descriptor: Descriptor, wanted: Platform): boolean {
  const p = descriptor.platform;
  return (
    !!p &&
    p.os === wanted.os &&
    p.architecture === wanted.architecture &&
    (!wanted.variant || p.variant === wanted.variant)
  );
}

async function child(source: ImageSource, descriptor: Descriptor): Promise<RawManifest> {
  const raw = await source.getManifest(descriptor.digest);
  verifyBytes(raw.bytes, descriptor, source.name);
  return raw;
}

/** Works out what to copy: one platform's manifest (default: this machine's) or the whole index. */
export async function planCopy(
  source: ImageSource,
  reference: string | undefined,
  options: { allPlatforms?: boolean; platform?: Platform },
): Promise<CopyPlan> {
  const top = await source.getManifest(reference);
  const manifests: RawManifest[] = [];
  if (isIndexMediaType(top.mediaType)) {
    const index = parseJson<ImageIndex>(top, source.name);
    if (options.allPlatforms) {
      for (const entry of index.manifests) manifests.push(await child(source, entry));
      manifests.push(top);
    } else {
      const wanted = options.platform ?? hostPlatform();
      const entry = index.manifests.find((m) => matches(m, wanted));
      if (!entry) {
        throw new PlatformNotFoundError(
          source.name,
          wanted,
          index.manifests.flatMap((m) => (m.platform ? [formatPlatform(m.platform)] : [])),
        );
      }
      manifests.push(await child(source, entry));
    }
  } else {
    manifests.push(top);
  }
  const blobs = new Map<string, Descriptor>();
  for (const raw of manifests) {
    if (isIndexMediaType(raw.mediaType)) continue;
    const manifest = parseJson<ImageManifest>(raw, source.name);
    if (!manifest.config || !Array.isArray(manifest.layers)) {
      throw new OciError(
        'SLIPWAY_OCI_MANIFEST',
        `${source.name}: manifest ${raw.digest} has no config or layers`,
      );
    }
    // Non-distributable layers (with `urls`) stay where they are, as the image spec asks.
    for (const blob of [manifest.config, ...manifest.layers.filter((l) => !l.urls?.length)])
      blobs.set(blob.digest, blob);
  }
  return { manifests, blobs: [...blobs.values()] };
}
