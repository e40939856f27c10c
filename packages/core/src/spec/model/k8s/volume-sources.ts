// core/v1 volume sources for network and cloud storage (most are deprecated in-tree drivers, typed fully
// so their fields are still checked).
import { bool, int, list, map, object, oneOf, str } from '../../schema/schema';
import { type LocalObjectReference, localObjectReferenceSchema } from './references';
import type { Templated } from './scalars';

/** An AWS EBS disk. */
export interface AWSElasticBlockStoreVolumeSource {
  volumeID: string;
  fsType?: string;
  partition?: number;
  readOnly?: boolean;
}
/** Schema of an AWSElasticBlockStoreVolumeSource. */
export const awsElasticBlockStoreVolumeSourceSchema = object<AWSElasticBlockStoreVolumeSource>(
  'AWSElasticBlockStoreVolumeSource',
  { volumeID: str, fsType: str, partition: int, readOnly: bool },
  ['volumeID'],
);

/** An Azure data disk. */
export interface AzureDiskVolumeSource {
  diskName: string;
  diskURI: string;
  cachingMode?: 'None' | 'ReadOnly' | 'ReadWrite' | Templated;
  fsType?: string;
  readOnly?: boolean;
  kind?: 'Shared' | 'Dedicated' | 'Managed' | Templated;
}
/** Schema of an AzureDiskVolumeSource. */
export const azureDiskVolumeSourceSchema = object<AzureDiskVolumeSource>(
  'AzureDiskVolumeSource',
  {
    diskName: str,
    diskURI: str,
    cachingMode: oneOf('None', 'ReadOnly', 'ReadWrite'),
    fsType: str,
    readOnly: bool,
    kind: oneOf('Shared', 'Dedicated', 'Managed'),
  },
  ['diskName', 'diskURI'],
);

/** An Azure File share. */
export interface AzureFileVolumeSource {
  secretName: string;
  shareName: string;
  readOnly?: boolean;
}
/** Schema of an AzureFileVolumeSource. */
export const azureFileVolumeSourceSchema = object<AzureFileVolumeSource>(
  'AzureFileVolumeSource',
  { secretName: str, shareName: str, readOnly: bool },
  ['secretName', 'shareName'],
);

/** A CephFS mount. */
export interface CephFSVolumeSource {
  monitors: string[];
  path?: string;
  user?: string;
  secretFile?: string;
  secretRef?: LocalObjectReference;
  readOnly?: boolean;
}
/** Schema of a CephFSVolumeSource. */
export const cephFSVolumeSourceSchema = object<CephFSVolumeSource>(
  'CephFSVolumeSource',
  {
    monitors: list(str),
    path: str,
    user: str,
    secretFile: str,
    secretRef: localObjectReferenceSchema,
    readOnly: bool,
  },
  ['monitors'],
);

/** An OpenStack Cinder volume. */
export interface CinderVolumeSource {
  volumeID: string;
  fsType?: string;
  readOnly?: boolean;
  secretRef?: LocalObjectReference;
}
/** Schema of a CinderVolumeSource. */
export const cinderVolumeSourceSchema = object<CinderVolumeSource>(
  'CinderVolumeSource',
  { volumeID: str, fsType: str, readOnly: bool, secretRef: localObjectReferenceSchema },
  ['volumeID'],
);

/** A Fibre Channel disk. */
export interface FCVolumeSource {
  targetWWNs?: string[];
  lun?: number;
  fsType?: string;
  readOnly?: boolean;
  wwids?: string[];
}
/** Schema of an FCVolumeSource. */
export const fcVolumeSourceSchema = object<FCVolumeSource>('FCVolumeSource', {
  targetWWNs: list(str),
  lun: int,
  fsType: str,
  readOnly: bool,
  wwids: list(str),
});

/** A volume provided by an exec-based FlexVolume driver. */
export interface FlexVolumeSource {
  driver: string;
  fsType?: string;
  secretRef?: LocalObjectReference;
  readOnly?: boolean;
  options?: Record<string, string>;
}
/** Schema of a FlexVolumeSource. */
export const flexVolumeSourceSchema = object<FlexVolumeSource>(
  'FlexVolumeSource',
  { driver: str, fsType: str, secretRef: localObjectReferenceSchema, readOnly: bool, options: map(str) },
  ['driver'],
);

/** A Flocker dataset. */
export interface FlockerVolumeSource {
  datasetName?: string;
  datasetUUID?: string;
}
/** Schema of a FlockerVolumeSource. */
export const flockerVolumeSourceSchema = object<FlockerVolumeSource>('FlockerVolumeSource', {
  datasetName: str,
  datasetUUID: str,
});

/** A GCE persistent disk. */
export interface GCEPersistentDiskVolumeSource {
  pdName: string;
  fsType?: string;
  partition?: number;
  readOnly?: boolean;
}
/** Schema of a GCEPersistentDiskVolumeSource. */
export const gcePersistentDiskVolumeSourceSchema = object<GCEPersistentDiskVolumeSource>(
  'GCEPersistentDiskVolumeSource',
  { pdName: str, fsType: str, partition: int, readOnly: bool },
  ['pdName'],
);

/** A git repository cloned into an empty directory (deprecated in Kubernetes). */
export interface GitRepoVolumeSource {
  repository: string;
  revision?: string;
  directory?: string;
}
/** Schema of a GitRepoVolumeSource. */
export const gitRepoVolumeSourceSchema = object<GitRepoVolumeSource>(
  'GitRepoVolumeSource',
  { repository: str, revision: str, directory: str },
  ['repository'],
);

/** A GlusterFS mount. */
export interface GlusterfsVolumeSource {
  endpoints: string;
  path: string;
  readOnly?: boolean;
}
/** Schema of a GlusterfsVolumeSource. */
export const glusterfsVolumeSourceSchema = object<GlusterfsVolumeSource>(
  'GlusterfsVolumeSource',
  { endpoints: str, path: str, readOnly: bool },
  ['endpoints', 'path'],
);

/** An iSCSI disk. */
export interface ISCSIVolumeSource {
  targetPortal: string;
  iqn: string;
  lun: number;
  iscsiInterface?: string;
  fsType?: string;
  readOnly?: boolean;
  portals?: string[];
  chapAuthDiscovery?: boolean;
  chapAuthSession?: boolean;
  secretRef?: LocalObjectReference;
  initiatorName?: string;
}
/** Schema of an ISCSIVolumeSource. */
export const iscsiVolumeSourceSchema = object<ISCSIVolumeSource>(
  'ISCSIVolumeSource',
  {
    targetPortal: str,
    iqn: str,
    lun: int,
    iscsiInterface: str,
    fsType: str,
    readOnly: bool,
    portals: list(str),
    chapAuthDiscovery: bool,
    chapAuthSession: bool,
    secretRef: localObjectReferenceSchema,
    initiatorName: str,
  },
  ['targetPortal', 'iqn', 'lun'],
);

/** A Photon Controller persistent disk. */
export interface PhotonPersistentDiskVolumeSource {
  pdID: string;
  fsType?: string;
}
/** Schema of a PhotonPersistentDiskVolumeSource. */
export const photonPersistentDiskVolumeSourceSchema = object<PhotonPersistentDiskVolumeSource>(
  'PhotonPersistentDiskVolumeSource',
  { pdID: str, fsType: str },
  ['pdID'],
);

/** A Portworx volume. */
export interface PortworxVolumeSource {
  volumeID: string;
  fsType?: string;
  readOnly?: boolean;
}
/** Schema of a PortworxVolumeSource. */
export const portworxVolumeSourceSchema = object<PortworxVolumeSource>(
  'PortworxVolumeSource',
  { volumeID: str, fsType: str, readOnly: bool },
  ['volumeID'],
);

/** A Quobyte mount. */
export interface QuobyteVolumeSource {
  registry: string;
  volume: string;
  readOnly?: boolean;
  user?: string;
  group?: string;
  tenant?: string;
}
/** Schema of a QuobyteVolumeSource. */
export const quobyteVolumeSourceSchema = object<QuobyteVolumeSource>(
  'QuobyteVolumeSource',
  { registry: str, volume: str, readOnly: bool, user: str, group: str, tenant: str },
  ['registry', 'volume'],
);

/** A Rados Block Device. */
export interface RBDVolumeSource {
  monitors: string[];
  image: string;
  fsType?: string;
  pool?: string;
  user?: string;
  keyring?: string;
  secretRef?: LocalObjectReference;
  readOnly?: boolean;
}
/** Schema of an RBDVolumeSource. */
export const rbdVolumeSourceSchema = object<RBDVolumeSource>(
  'RBDVolumeSource',
  {
    monitors: list(str),
    image: str,
    fsType: str,
    pool: str,
    user: str,
    keyring: str,
    secretRef: localObjectReferenceSchema,
    readOnly: bool,
  },
  ['monitors', 'image'],
);

/** A ScaleIO volume. */
export interface ScaleIOVolumeSource {
  gateway: string;
  system: string;
  secretRef: LocalObjectReference;
  sslEnabled?: boolean;
  protectionDomain?: string;
  storagePool?: string;
  storageMode?: 'ThickProvisioned' | 'ThinProvisioned' | Templated;
  volumeName?: string;
  fsType?: string;
  readOnly?: boolean;
}
/** Schema of a ScaleIOVolumeSource. */
export const scaleIOVolumeSourceSchema = object<ScaleIOVolumeSource>(
  'ScaleIOVolumeSource',
  {
    gateway: str,
    system: str,
    secretRef: localObjectReferenceSchema,
    sslEnabled: bool,
    protectionDomain: str,
    storagePool: str,
    storageMode: oneOf('ThickProvisioned', 'ThinProvisioned'),
    volumeName: str,
    fsType: str,
    readOnly: bool,
  },
  ['gateway', 'system', 'secretRef'],
);

/** A StorageOS volume. */
export interface StorageOSVolumeSource {
  volumeName?: string;
  volumeNamespace?: string;
  fsType?: string;
  readOnly?: boolean;
  secretRef?: LocalObjectReference;
}
/** Schema of a StorageOSVolumeSource. */
export const storageOSVolumeSourceSchema = object<StorageOSVolumeSource>('StorageOSVolumeSource', {
  volumeName: str,
  volumeNamespace: str,
  fsType: str,
  readOnly: bool,
  secretRef: localObjectReferenceSchema,
});

/** A vSphere virtual disk. */
export interface VsphereVirtualDiskVolumeSource {
  volumePath: string;
  fsType?: string;
  storagePolicyName?: string;
  storagePolicyID?: string;
}
/** Schema of a VsphereVirtualDiskVolumeSource. */
export const vsphereVirtualDiskVolumeSourceSchema = object<VsphereVirtualDiskVolumeSource>(
  'VsphereVirtualDiskVolumeSource',
  { volumePath: str, fsType: str, storagePolicyName: str, storagePolicyID: str },
  ['volumePath'],
);
