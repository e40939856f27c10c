import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunPodAction } from '../../../engine/contract';
import { keySegment } from '../artifacts/artifact-store';
import { placeInputArtifacts } from '../artifacts/input-artifacts';
import { etcFiles } from '../pod/etc-files';
import { isKeyVolume, projectKeyVolume } from '../pod/key-volumes';
import type { PodVolume } from '../pod/mounts';
import type { PodRunDeps } from './pod-deps';
import type { PodContext } from './prepare-container';

/** Template annotation choosing the isolation of one pod (`sandbox` or `host-root`). */
export const ANNOTATION_ISOLATION = 'slipway.io/isolation';
/** Template annotation choosing the network of one pod: `none` gives it none, `host` shares the host's. */
export const ANNOTATION_NETWORK = 'slipway.io/network';

/**
 * Sets up what the containers of a pod share, under its directory `dir`: volumes (the runner's, plus
 * emptyDirs, ConfigMaps and Secrets of the template), /etc/hosts and friends, input artifacts, the script file.
 */
export async function podContext(
  action: RunPodAction,
  deps: PodRunDeps,
  dir: string,
  guard: <T>(promise: Promise<T>) => Promise<T>,
): Promise<PodContext> {
  const template = action.template;
  const annotations = template.metadata?.annotations ?? {};
  const isolation =
    annotations[ANNOTATION_ISOLATION] === 'host-root'
      ? 'host-root'
      : annotations[ANNOTATION_ISOLATION] === 'sandbox'
        ? 'sandbox'
        : deps.isolation;
  const network = (annotations[ANNOTATION_NETWORK] ?? deps.network) !== 'none';
  const volumes = new Map<string, PodVolume>(action.volumes.map((v) => [v.name, v]));
  for (const volume of template.volumes ?? []) {
    if (volume.emptyDir && !volumes.has(volume.name)) {
      const hostPath = join(dir, 'volumes', keySegment(volume.name));
      await mkdir(hostPath, { recursive: true, mode: 0o777 });
      volumes.set(volume.name, { name: volume.name, hostPath });
    } else if (isKeyVolume(volume) && !volumes.has(volume.name)) {
      const hostPath = join(dir, 'volumes', keySegment(volume.name));
      await guard(projectKeyVolume(volume, hostPath, deps));
      // The kubelet mounts ConfigMap and Secret volumes read-only.
      volumes.set(volume.name, { name: volume.name, hostPath, readOnly: true });
    }
  }
  const hostname = action.podName.slice(0, 63);
  const resolvConf = network && isolation === 'sandbox' ? deps.resolvConf : undefined;
  const scriptFile = template.script?.source ? join(dir, 'script') : undefined;
  // Independent of each other: done at once.
  const [etcBinds, inputBinds, rootfs] = await Promise.all([
    (resolvConf ? resolvConf() : Promise.resolve(undefined)).then((resolv) =>
      etcFiles(dir, hostname, resolv),
    ),
    guard(placeInputArtifacts(action.inputArtifacts, join(dir, 'inputs'), deps.artifacts, deps.tools)),
    isolation === 'host-root' ? deps.hostEntries().then((host) => ({ host })) : guard(deps.rootfsMode()),
    scriptFile ? writeFile(scriptFile, template.script?.source ?? '', { mode: 0o755 }) : undefined,
  ]);
  return {
    action,
    dir,
    images: deps.images,
    tools: deps.tools,
    rootfs,
    network,
    hostname,
    env: {
      podName: action.podName,
      namespace: deps.namespace,
      podUid: randomUUID(),
      nodeName: 'localhost',
      ...(action.serviceAccountName ? { serviceAccountName: action.serviceAccountName } : {}),
      labels: template.metadata?.labels ?? {},
      annotations,
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
      ...(deps.configMaps ? { configMaps: deps.configMaps } : {}),
    },
    volumes,
    etcBinds,
    inputBinds,
    ...(scriptFile ? { scriptFile } : {}),
    ...(deps.builtinTools ? { builtinTools: deps.builtinTools } : {}),
    hostEntries: deps.hostEntries,
    imageFiles: deps.imageFiles,
  };
}
