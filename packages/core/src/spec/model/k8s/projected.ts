// core/v1 downward API and projected volumes: files built from pod fields, ConfigMaps, Secrets and tokens.
import { bool, int, list, map, object, oneOf, str } from '../../schema/schema';
import { type LabelSelector, labelSelectorSchema } from './meta';
import {
  type KeyToPath,
  keyToPathSchema,
  type ObjectFieldSelector,
  objectFieldSelectorSchema,
  type ResourceFieldSelector,
  resourceFieldSelectorSchema,
} from './references';
import type { Templated } from './scalars';

/** A file holding one pod field or container resource value. */
export interface DownwardAPIVolumeFile {
  path: string;
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
}
/** Schema of a DownwardAPIVolumeFile. */
export const downwardAPIVolumeFileSchema = object<DownwardAPIVolumeFile>(
  'DownwardAPIVolumeFile',
  {
    path: str,
    fieldRef: objectFieldSelectorSchema,
    resourceFieldRef: resourceFieldSelectorSchema,
    mode: int,
  },
  ['path'],
);

/** Downward API files inside a projected volume. */
export interface DownwardAPIProjection {
  items?: DownwardAPIVolumeFile[];
}
/** Schema of a DownwardAPIProjection. */
export const downwardAPIProjectionSchema = object<DownwardAPIProjection>('DownwardAPIProjection', {
  items: list(downwardAPIVolumeFileSchema),
});

/** ConfigMap keys inside a projected volume. */
export interface ConfigMapProjection {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
}
/** Schema of a ConfigMapProjection. */
export const configMapProjectionSchema = object<ConfigMapProjection>('ConfigMapProjection', {
  name: str,
  items: list(keyToPathSchema),
  optional: bool,
});

/** Secret keys inside a projected volume. */
export interface SecretProjection {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
}
/** Schema of a SecretProjection. */
export const secretProjectionSchema = object<SecretProjection>('SecretProjection', {
  name: str,
  items: list(keyToPathSchema),
  optional: bool,
});

/** A service account token file inside a projected volume. */
export interface ServiceAccountTokenProjection {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}
/** Schema of a ServiceAccountTokenProjection. */
export const serviceAccountTokenProjectionSchema = object<ServiceAccountTokenProjection>(
  'ServiceAccountTokenProjection',
  { audience: str, expirationSeconds: int, path: str },
  ['path'],
);

/** ClusterTrustBundle certificates written to a file of a projected volume. */
export interface ClusterTrustBundleProjection {
  name?: string;
  signerName?: string;
  labelSelector?: LabelSelector;
  optional?: boolean;
  path: string;
}
/** Schema of a ClusterTrustBundleProjection. */
export const clusterTrustBundleProjectionSchema = object<ClusterTrustBundleProjection>(
  'ClusterTrustBundleProjection',
  { name: str, signerName: str, labelSelector: labelSelectorSchema, optional: bool, path: str },
  ['path'],
);

/** A pod certificate (key and chain issued by a signer) inside a projected volume. */
export interface PodCertificateProjection {
  signerName: string;
  keyType: 'RSA3072' | 'RSA4096' | 'ECDSAP256' | 'ECDSAP384' | 'ECDSAP521' | 'ED25519' | Templated;
  maxExpirationSeconds?: number;
  credentialBundlePath?: string;
  keyPath?: string;
  certificateChainPath?: string;
  userAnnotations?: Record<string, string>;
}
/** Schema of a PodCertificateProjection. */
export const podCertificateProjectionSchema = object<PodCertificateProjection>(
  'PodCertificateProjection',
  {
    signerName: str,
    keyType: oneOf('RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'),
    maxExpirationSeconds: int,
    credentialBundlePath: str,
    keyPath: str,
    certificateChainPath: str,
    userAnnotations: map(str),
  },
  ['signerName', 'keyType'],
);

/** One source of a projected volume. */
export interface VolumeProjection {
  secret?: SecretProjection;
  downwardAPI?: DownwardAPIProjection;
  configMap?: ConfigMapProjection;
  serviceAccountToken?: ServiceAccountTokenProjection;
  clusterTrustBundle?: ClusterTrustBundleProjection;
  podCertificate?: PodCertificateProjection;
}
/** Schema of a VolumeProjection. */
export const volumeProjectionSchema = object<VolumeProjection>('VolumeProjection', {
  secret: secretProjectionSchema,
  downwardAPI: downwardAPIProjectionSchema,
  configMap: configMapProjectionSchema,
  serviceAccountToken: serviceAccountTokenProjectionSchema,
  clusterTrustBundle: clusterTrustBundleProjectionSchema,
  podCertificate: podCertificateProjectionSchema,
});

/** A volume combining several sources into one directory. */
export interface ProjectedVolumeSource {
  sources?: VolumeProjection[];
  defaultMode?: number;
}
/** Schema of a ProjectedVolumeSource. */
export const projectedVolumeSourceSchema = object<ProjectedVolumeSource>('ProjectedVolumeSource', {
  sources: list(volumeProjectionSchema),
  defaultMode: int,
});

/** A volume of downward API files. */
export interface DownwardAPIVolumeSource {
  items?: DownwardAPIVolumeFile[];
  defaultMode?: number;
}
/** Schema of a DownwardAPIVolumeSource. */
export const downwardAPIVolumeSourceSchema = object<DownwardAPIVolumeSource>('DownwardAPIVolumeSource', {
  items: list(downwardAPIVolumeFileSchema),
  defaultMode: int,
});
