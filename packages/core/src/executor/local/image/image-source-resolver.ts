import { type CredentialProvider, type ImageSource, parseImageReference, RegistryClient } from '@slipway/oci';

/** Where to read an image from, and which tag or digest to ask that source for (its default when omitted). */
export interface ResolvedImageSource {
  readonly source: ImageSource;
  readonly reference?: string;
}

/** Maps an image reference as written in a template (`alpine:3.19`) to a source to read it from. */
export type ImageSourceResolver = (image: string) => Promise<ResolvedImageSource>;

/** Options of `registryImageResolver`. */
export interface RegistryImageResolverOptions {
  /** Registry → host to read from instead, e.g. `{ 'docker.io': '127.0.0.1:5000' }` for a local mirror. */
  readonly mirrors?: Readonly<Record<string, string>>;
  /** Hosts (after mirroring) that may be reached over plain HTTP or with unverified TLS. */
  readonly insecure?: readonly string[];
  /** Credentials per registry, e.g. `defaultCredentialProvider(…)`; anonymous when absent. */
  readonly credentials?: CredentialProvider;
}

/**
 * The default resolver: images come from their registry through Slipway's registry client, one client per
 * host (sharing tokens and connections), via a mirror when one is configured for the registry.
 */
export function registryImageResolver(options: RegistryImageResolverOptions = {}): ImageSourceResolver {
  const clients = new Map<string, RegistryClient>();
  const insecure = new Set(options.insecure ?? []);
  return async (image) => {
    const ref = parseImageReference(image);
    const host = options.mirrors?.[ref.registry] ?? ref.registry;
    let client = clients.get(host);
    if (!client) {
      client = new RegistryClient(host, {
        insecure: insecure.has(host),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
      clients.set(host, client);
    }
    return { source: client.repository(ref.repository), reference: ref.digest ?? ref.tag ?? 'latest' };
  };
}

/** A resolver over fixed sources (OCI layouts, docker archives, images in memory), keyed by reference. */
export function staticImageResolver(images: Readonly<Record<string, ImageSource>>): ImageSourceResolver {
  return async (image) => {
    const source = images[image];
    if (!source) {
      throw new Error(`no image \`${image}\` among ${Object.keys(images).join(', ') || 'none'}`);
    }
    return { source };
  };
}
