import { hostPlatform } from '../../copy/plan';
import { openOciLayout } from '../../formats/oci-layout/open-oci-layout';
import { parseImageConfig } from '../../formats/shared/parse-manifest';
import { readVerifiedBlob } from '../../formats/shared/read-blob';
import { resolveImage } from '../../formats/shared/resolve-image';
import type { ImageConfig, Platform } from '../../model/descriptors';
import type { ImageSource } from '../../model/image-store';
import { parseImageReference } from '../../reference/parse-reference';
import type { StageImage } from '../stage/stage-image';

/** Opens a registry repository to read base images from (credentials are the caller's business). */
export type OpenRepository = (registry: string, repository: string) => ImageSource;

/** An empty image for `FROM scratch`. */
export function scratchImage(platform: Platform = hostPlatform()): StageImage {
  const config: ImageConfig = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: {},
    rootfs: { type: 'layers', diff_ids: [] },
    history: [],
  };
  return { layers: [], config, key: `scratch:${platform.os}/${platform.architecture}` };
}

async function fromSource(
  source: ImageSource,
  reference: string | undefined,
  platform?: Platform,
): Promise<StageImage> {
  const resolved = await resolveImage(source, {
    ...(reference !== undefined ? { reference } : {}),
    ...(platform ? { platform } : {}),
  });
  const where = `${source.name} config ${resolved.parsed.config.digest}`;
  const config = parseImageConfig(await readVerifiedBlob(source, resolved.parsed.config), where);
  const layers = resolved.parsed.layers.map((descriptor, i) => {
    const diffId = config.rootfs.diff_ids[i];
    if (diffId === undefined) throw new Error(`${where}: fewer diff_ids than layers`);
    return { descriptor, diffId, open: () => source.openBlob(descriptor) };
  });
  return { layers, config: structuredClone(config), key: resolved.manifest.digest };
}

/**
 * Loads the image a FROM names: `scratch`, an OCI layout (`oci:DIR[:TAG]`) or a registry reference, choosing
 * `platform` from a multi-platform index. Only the manifest and config are read; layers are opened when needed.
 */
export async function loadBaseImage(
  text: string,
  openRepository: OpenRepository,
  platform?: Platform,
): Promise<StageImage> {
  if (text === 'scratch') return scratchImage(platform);
  if (text.startsWith('oci:')) {
    const rest = text.slice(4);
    const colon = rest.lastIndexOf(':');
    const [dir, ref] =
      colon > 0 && !rest.slice(colon + 1).includes('/')
        ? [rest.slice(0, colon), rest.slice(colon + 1)]
        : [rest, undefined];
    const layout = await openOciLayout(dir, ref ? { ref } : {});
    return fromSource(layout, undefined, platform);
  }
  const reference = parseImageReference(text);
  const source = openRepository(reference.registry, reference.repository);
  return fromSource(source, reference.digest ?? reference.tag ?? 'latest', platform);
}
