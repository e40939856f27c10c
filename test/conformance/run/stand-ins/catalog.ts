// Which stand-in image serves each image the corpus names, and why the others have none.
import { parseImageReference } from '@slipway/oci';

/** The stand-in images: each is busybox plus what the named image's examples call. */
export type StandInKind =
  | 'busybox'
  | 'alpine'
  | 'debian'
  | 'argosay-v1'
  | 'argosay-v2'
  | 'whalesay'
  | 'python'
  | 'jq'
  | 'node';

/** An image that cannot be stood in for, and why. */
export interface NoStandIn {
  readonly reason: string;
}

const BY_REPOSITORY: Readonly<Record<string, StandInKind>> = {
  'docker.io/library/busybox': 'busybox',
  'docker.io/library/alpine': 'alpine',
  'docker.io/library/debian': 'debian',
  'docker.io/library/ubuntu': 'debian',
  'docker.io/docker/whalesay': 'whalesay',
  'docker.io/library/python': 'python',
  'docker.io/stedolan/jq': 'jq',
  'docker.io/library/node': 'node',
};

const WITHOUT: Readonly<Record<string, string>> = {
  'docker.io/library/nginx':
    'nginx on port 80 (sandboxes share the host network, where ports below 1024 need privileges)',
  'docker.io/library/influxdb': 'an InfluxDB server',
  'docker.io/library/golang': 'the Go toolchain',
  'docker.io/library/docker': 'a Docker daemon',
  'quay.io/argoproj/argocli': 'the Argo server (argo CLI)',
  'quay.io/argoproj/argoexec': 'the Argo executor and the Kubernetes API',
  'docker.io/bitnamilegacy/kubectl': 'kubectl (the Kubernetes API)',
  'mcr.microsoft.com/windows/nanoserver': 'a Windows node',
};

/** The stand-in for `image`, or why there is none. */
export function standInFor(image: string): StandInKind | NoStandIn {
  let ref: ReturnType<typeof parseImageReference>;
  try {
    ref = parseImageReference(image);
  } catch {
    return { reason: `an image with an invalid name (${image})` };
  }
  const repository = `${ref.registry}/${ref.repository}`;
  if (repository === 'docker.io/argoproj/argosay') return ref.tag === 'v1' ? 'argosay-v1' : 'argosay-v2';
  const kind = BY_REPOSITORY[repository];
  if (kind) return kind;
  return { reason: `image ${image}: ${WITHOUT[repository] ?? 'no stand-in for it'}` };
}
