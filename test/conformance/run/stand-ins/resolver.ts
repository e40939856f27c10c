// Image names only known at run time (`{{inputs.parameters.image}}:{{item.tag}}`) were not pushed: they are
// pulled as the stand-in of their repository instead. Names that were pushed go through the mirrors as is.
import { type ImageSourceResolver, registryImageResolver } from '@slipway/core';
import { parseImageReference } from '@slipway/oci';
import { standInFor } from './catalog';
import { canonicalName, type PublishedImages } from './publish';

/** Resolves pushed names through the registry mirrors, others with a stand-in to their kind's canonical name. */
export function standInResolver(
  published: PublishedImages,
  insecure: readonly string[],
): ImageSourceResolver {
  const registry = registryImageResolver({ mirrors: published.mirrors, insecure });
  const pushed = new Set<string>();
  for (const list of published.names.values()) for (const name of list) pushed.add(key(name));
  return (image) => {
    const kind = standInFor(image);
    const known = pushed.has(key(image)) || typeof kind !== 'string';
    return registry(known ? image : canonicalName(kind));
  };
}

function key(image: string): string {
  try {
    const ref = parseImageReference(image);
    return `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
  } catch {
    return image;
  }
}
