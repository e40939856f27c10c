// Pushes the stand-in images to a loopback registry under every name the workflows use, and gives the
// registry mirrors that send each of those registries there.
import { copyImage, parseImageReference, RegistryClient } from '@slipway/oci';
import type { MemoryImage } from '../../../../packages/oci/src/testing/image-builder/memory-image';
import { type StandInKind, standInFor } from './catalog';

/** The name every stand-in is also pushed under, for image names only known at run time. */
export function canonicalName(kind: StandInKind): string {
  return `slipway-stand-in/${kind}:latest`;
}

/** The registry settings an ImageCache needs to pull the published stand-ins. */
export interface PublishedImages {
  /** Registry → the loopback registry's host, for every registry an image came from. */
  readonly mirrors: Record<string, string>;
  /** The image names pushed, by stand-in. */
  readonly names: ReadonlyMap<StandInKind, string[]>;
}

/** Pushes each image with a stand-in (others are ignored) to `host`; one copy per stand-in, many tags. */
export async function publishStandIns(
  host: string,
  images: ReadonlyMap<StandInKind, MemoryImage>,
  imageNames: Iterable<string>,
): Promise<PublishedImages> {
  const mirrors: Record<string, string> = {};
  const names = new Map<StandInKind, string[]>();
  const destinationsSeen = new Set<string>();
  for (const kind of images.keys()) names.set(kind, [canonicalName(kind)]);
  for (const name of imageNames) {
    const kind = standInFor(name);
    if (typeof kind !== 'string') continue;
    const ref = parseImageReference(name);
    const key = `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
    if (destinationsSeen.has(key)) continue;
    destinationsSeen.add(key);
    names.get(kind)?.push(name);
  }
  const client = new RegistryClient(host, { insecure: true });
  try {
    for (const [kind, list] of names) {
      const image = images.get(kind);
      if (!image) throw new Error(`no stand-in image built for ${kind}`);
      const destinations = list.map((name) => {
        const ref = parseImageReference(name);
        mirrors[ref.registry] = host;
        return { sink: client.repository(ref.repository), tag: ref.tag ?? 'latest' };
      });
      await copyImage(image, destinations, { failFast: true });
    }
  } finally {
    await client.close();
  }
  return { mirrors, names };
}
