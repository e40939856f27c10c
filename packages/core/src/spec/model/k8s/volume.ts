// core/v1 Volume: a named volume of a pod, with one source. The common sources are defined here; network
// and cloud ones live in volume-sources.ts, projected and downward API ones in projected.ts.
import { bool, int, list, map, type ObjectSchema, object, oneOf, str } from '../../schema/schema';
import { type PullPolicy, pullPolicySchema } from './container';
import {
  type PersistentVolumeClaimTemplate,
  persistentVolumeClaimTemplateSchema,
} from './persistent-volume-claim';
import {
  type DownwardAPIVolumeSource,
  downwardAPIVolumeSourceSchema,
  type ProjectedVolumeSource,
  projectedVolumeSourceSchema,
} from './projected';
import {
  type KeyToPath,
  keyToPathSchema,
  type LocalObjectReference,
  localObjectReferenceSchema,
} from './references';
import { type Quantity, quantitySchema, type Templated } from './scalars';
import * as sources from './volume-sources';

/** A scratch directory that lives as long as the pod (`medium: Memory` for a tmpfs). */
export interface EmptyDirVolumeSource {
  medium?: string;
  sizeLimit?: Quantity;
}
/** Schema of an EmptyDirVolumeSource (`medium` is `""`, `Memory` or `HugePages-<size>`, so a plain string). */
export const emptyDirVolumeSourceSchema = object<EmptyDirVolumeSource>('EmptyDirVolumeSource', {
  medium: str,
  sizeLimit: quantitySchema,
});

/** What a hostPath must be (or be created as). */
export type HostPathType =
  | ''
  | 'DirectoryOrCreate'
  | 'Directory'
  | 'FileOrCreate'
  | 'File'
  | 'Socket'
  | 'CharDevice'
  | 'BlockDevice'
  | Templated;

/** A file or directory of the node. */
export interface HostPathVolumeSource {
  path: string;
  type?: HostPathType;
}
/** Schema of a HostPathVolumeSource. */
export const hostPathVolumeSourceSchema = object<HostPathVolumeSource>(
  'HostPathVolumeSource',
  {
    path: str,
    type: oneOf(
      '',
      'DirectoryOrCreate',
      'Directory',
      'FileOrCreate',
      'File',
      'Socket',
      'CharDevice',
      'BlockDevice',
    ),
  },
  ['path'],
);

/** A volume of a ConfigMap's keys as files. */
export interface ConfigMapVolumeSource {
  name?: string;
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
}
/** Schema of a ConfigMapVolumeSource. */
export const configMapVolumeSourceSchema = object<ConfigMapVolumeSource>('ConfigMapVolumeSource', {
  name: str,
  items: list(keyToPathSchema),
  defaultMode: int,
  optional: bool,
});

/** A volume of a Secret's keys as files. */
export interface SecretVolumeSource {
  secretName?: string;
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
}
/** Schema of a SecretVolumeSource. */
export const secretVolumeSourceSchema = object<SecretVolumeSource>('SecretVolumeSource', {
  secretName: str,
  items: list(keyToPathSchema),
  defaultMode: int,
  optional: bool,
});

/** An existing PersistentVolumeClaim, by name. */
export interface PersistentVolumeClaimVolumeSource {
  claimName: string;
  readOnly?: boolean;
}
/** Schema of a PersistentVolumeClaimVolumeSource. */
export const persistentVolumeClaimVolumeSourceSchema = object<PersistentVolumeClaimVolumeSource>(
  'PersistentVolumeClaimVolumeSource',
  { claimName: str, readOnly: bool },
  ['claimName'],
);

/** An NFS export. */
export interface NFSVolumeSource {
  server: string;
  path: string;
  readOnly?: boolean;
}
/** Schema of an NFSVolumeSource. */
export const nfsVolumeSourceSchema = object<NFSVolumeSource>(
  'NFSVolumeSource',
  { server: str, path: str, readOnly: bool },
  ['server', 'path'],
);

/** A volume provided by a CSI driver inline in the pod. */
export interface CSIVolumeSource {
  driver: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  nodePublishSecretRef?: LocalObjectReference;
}
/** Schema of a CSIVolumeSource. */
export const csiVolumeSourceSchema = object<CSIVolumeSource>(
  'CSIVolumeSource',
  {
    driver: str,
    readOnly: bool,
    fsType: str,
    volumeAttributes: map(str),
    nodePublishSecretRef: localObjectReferenceSchema,
  },
  ['driver'],
);

/** A volume whose claim is created with the pod and deleted with it. */
export interface EphemeralVolumeSource {
  volumeClaimTemplate?: PersistentVolumeClaimTemplate;
}
/** Schema of an EphemeralVolumeSource. */
export const ephemeralVolumeSourceSchema = object<EphemeralVolumeSource>('EphemeralVolumeSource', {
  volumeClaimTemplate: persistentVolumeClaimTemplateSchema,
});

/** An OCI image or artifact mounted read-only. */
export interface ImageVolumeSource {
  reference?: string;
  pullPolicy?: PullPolicy;
}
/** Schema of an ImageVolumeSource. */
export const imageVolumeSourceSchema = object<ImageVolumeSource>('ImageVolumeSource', {
  reference: str,
  pullPolicy: pullPolicySchema,
});

/** A pod volume: a name plus exactly one source. */
export interface Volume {
  name: string;
  hostPath?: HostPathVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  gcePersistentDisk?: sources.GCEPersistentDiskVolumeSource;
  awsElasticBlockStore?: sources.AWSElasticBlockStoreVolumeSource;
  gitRepo?: sources.GitRepoVolumeSource;
  secret?: SecretVolumeSource;
  nfs?: NFSVolumeSource;
  iscsi?: sources.ISCSIVolumeSource;
  glusterfs?: sources.GlusterfsVolumeSource;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  rbd?: sources.RBDVolumeSource;
  flexVolume?: sources.FlexVolumeSource;
  cinder?: sources.CinderVolumeSource;
  cephfs?: sources.CephFSVolumeSource;
  flocker?: sources.FlockerVolumeSource;
  downwardAPI?: DownwardAPIVolumeSource;
  fc?: sources.FCVolumeSource;
  azureFile?: sources.AzureFileVolumeSource;
  configMap?: ConfigMapVolumeSource;
  vsphereVolume?: sources.VsphereVirtualDiskVolumeSource;
  quobyte?: sources.QuobyteVolumeSource;
  azureDisk?: sources.AzureDiskVolumeSource;
  photonPersistentDisk?: sources.PhotonPersistentDiskVolumeSource;
  projected?: ProjectedVolumeSource;
  portworxVolume?: sources.PortworxVolumeSource;
  scaleIO?: sources.ScaleIOVolumeSource;
  storageos?: sources.StorageOSVolumeSource;
  csi?: CSIVolumeSource;
  ephemeral?: EphemeralVolumeSource;
  image?: ImageVolumeSource;
}
/** Schema of a pod volume. */
export const volumeSchema: ObjectSchema<Volume> = object<Volume>(
  'Volume',
  {
    name: str,
    hostPath: hostPathVolumeSourceSchema,
    emptyDir: emptyDirVolumeSourceSchema,
    gcePersistentDisk: sources.gcePersistentDiskVolumeSourceSchema,
    awsElasticBlockStore: sources.awsElasticBlockStoreVolumeSourceSchema,
    gitRepo: sources.gitRepoVolumeSourceSchema,
    secret: secretVolumeSourceSchema,
    nfs: nfsVolumeSourceSchema,
    iscsi: sources.iscsiVolumeSourceSchema,
    glusterfs: sources.glusterfsVolumeSourceSchema,
    persistentVolumeClaim: persistentVolumeClaimVolumeSourceSchema,
    rbd: sources.rbdVolumeSourceSchema,
    flexVolume: sources.flexVolumeSourceSchema,
    cinder: sources.cinderVolumeSourceSchema,
    cephfs: sources.cephFSVolumeSourceSchema,
    flocker: sources.flockerVolumeSourceSchema,
    downwardAPI: downwardAPIVolumeSourceSchema,
    fc: sources.fcVolumeSourceSchema,
    azureFile: sources.azureFileVolumeSourceSchema,
    configMap: configMapVolumeSourceSchema,
    vsphereVolume: sources.vsphereVirtualDiskVolumeSourceSchema,
    quobyte: sources.quobyteVolumeSourceSchema,
    azureDisk: sources.azureDiskVolumeSourceSchema,
    photonPersistentDisk: sources.photonPersistentDiskVolumeSourceSchema,
    projected: projectedVolumeSourceSchema,
    portworxVolume: sources.portworxVolumeSourceSchema,
    scaleIO: sources.scaleIOVolumeSourceSchema,
    storageos: sources.storageOSVolumeSourceSchema,
    csi: csiVolumeSourceSchema,
    ephemeral: ephemeralVolumeSourceSchema,
    image: imageVolumeSourceSchema,
  },
  ['name'],
);
