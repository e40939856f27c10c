// Where an artifact lives: Argo v1alpha1's storage drivers (S3, GCS, git, HTTP, …), archive strategies
// and artifact garbage collection.
import { bool, type FieldsOf, int, list, map, type ObjectSchema, object, oneOf, str } from '../schema/schema';
import {
  type ConfigMapKeySelector,
  configMapKeySelectorSchema,
  type SecretKeySelector,
  secretKeySelectorSchema,
  type Templated,
} from './k8s';

/** Server-side encryption settings of an S3 artifact. */
export interface S3EncryptionOptions {
  kmsKeyId?: string;
  kmsEncryptionContext?: string;
  enableEncryption?: boolean;
  serverSideCustomerKeySecret?: SecretKeySelector;
}
/** Schema of S3EncryptionOptions. */
export const s3EncryptionOptionsSchema = object<S3EncryptionOptions>('S3EncryptionOptions', {
  kmsKeyId: str,
  kmsEncryptionContext: str,
  enableEncryption: bool,
  serverSideCustomerKeySecret: secretKeySelectorSchema,
});

/** Options for creating a missing S3 bucket. */
export interface CreateS3BucketOptions {
  objectLocking?: boolean;
}
/** Schema of CreateS3BucketOptions. */
export const createS3BucketOptionsSchema = object<CreateS3BucketOptions>('CreateS3BucketOptions', {
  objectLocking: bool,
});

/** An object (or prefix) in an S3-compatible bucket; unset fields come from the artifact repository. */
export interface S3Artifact {
  endpoint?: string;
  bucket?: string;
  region?: string;
  insecure?: boolean;
  accessKeySecret?: SecretKeySelector;
  secretKeySecret?: SecretKeySelector;
  sessionTokenSecret?: SecretKeySelector;
  roleARN?: string;
  useSDKCreds?: boolean;
  createBucketIfNotPresent?: CreateS3BucketOptions;
  encryptionOptions?: S3EncryptionOptions;
  caSecret?: SecretKeySelector;
  addressingStyle?: '' | 'path' | 'virtual-hosted' | Templated;
  key?: string;
}
/** Schema of an S3Artifact. */
export const s3ArtifactSchema = object<S3Artifact>('S3Artifact', {
  endpoint: str,
  bucket: str,
  region: str,
  insecure: bool,
  accessKeySecret: secretKeySelectorSchema,
  secretKeySecret: secretKeySelectorSchema,
  sessionTokenSecret: secretKeySelectorSchema,
  roleARN: str,
  useSDKCreds: bool,
  createBucketIfNotPresent: createS3BucketOptionsSchema,
  encryptionOptions: s3EncryptionOptionsSchema,
  caSecret: secretKeySelectorSchema,
  addressingStyle: oneOf('', 'path', 'virtual-hosted'),
  key: str,
});

/** An object in a Google Cloud Storage bucket. */
export interface GCSArtifact {
  bucket?: string;
  serviceAccountKeySecret?: SecretKeySelector;
  key: string;
}
/** Schema of a GCSArtifact. */
export const gcsArtifactSchema = object<GCSArtifact>(
  'GCSArtifact',
  { bucket: str, serviceAccountKeySecret: secretKeySelectorSchema, key: str },
  ['key'],
);

/** The git location of an artifact: the one input artifact kind the local engine fetches itself. */
export interface GitArtifact {
  repo: string;
  revision?: string;
  depth?: number;
  fetch?: string[];
  usernameSecret?: SecretKeySelector;
  passwordSecret?: SecretKeySelector;
  sshPrivateKeySecret?: SecretKeySelector;
  insecureIgnoreHostKey?: boolean;
  disableSubmodules?: boolean;
  singleBranch?: boolean;
  branch?: string;
  insecureSkipTLS?: boolean;
}
/** Schema of a GitArtifact. */
export const gitArtifactSchema = object<GitArtifact>(
  'GitArtifact',
  {
    repo: str,
    revision: str,
    depth: int,
    fetch: list(str),
    usernameSecret: secretKeySelectorSchema,
    passwordSecret: secretKeySelectorSchema,
    sshPrivateKeySecret: secretKeySelectorSchema,
    insecureIgnoreHostKey: bool,
    disableSubmodules: bool,
    singleBranch: bool,
    branch: str,
    insecureSkipTLS: bool,
  },
  ['repo'],
);

/** A header sent with an HTTP artifact request. */
export interface Header {
  name: string;
  value: string;
}
/** Schema of a Header. */
export const headerSchema = object<Header>('Header', { name: str, value: str }, ['name', 'value']);

/** HTTP basic authentication from two secrets. */
export interface BasicAuth {
  usernameSecret?: SecretKeySelector;
  passwordSecret?: SecretKeySelector;
}
/** Schema of a BasicAuth. */
export const basicAuthSchema = object<BasicAuth>('BasicAuth', {
  usernameSecret: secretKeySelectorSchema,
  passwordSecret: secretKeySelectorSchema,
});

/** TLS client certificate authentication from two secrets. */
export interface ClientCertAuth {
  clientCertSecret?: SecretKeySelector;
  clientKeySecret?: SecretKeySelector;
}
/** Schema of a ClientCertAuth. */
export const clientCertAuthSchema = object<ClientCertAuth>('ClientCertAuth', {
  clientCertSecret: secretKeySelectorSchema,
  clientKeySecret: secretKeySelectorSchema,
});

/** An extra parameter of an OAuth2 token request. */
export interface OAuth2EndpointParam {
  key: string;
  value?: string;
}
/** Schema of an OAuth2EndpointParam. */
export const oauth2EndpointParamSchema = object<OAuth2EndpointParam>(
  'OAuth2EndpointParam',
  { key: str, value: str },
  ['key'],
);

/** OAuth2 client-credentials authentication. */
export interface OAuth2Auth {
  clientIDSecret?: SecretKeySelector;
  clientSecretSecret?: SecretKeySelector;
  tokenURLSecret?: SecretKeySelector;
  scopes?: string[];
  endpointParams?: OAuth2EndpointParam[];
}
/** Schema of an OAuth2Auth. */
export const oauth2AuthSchema = object<OAuth2Auth>('OAuth2Auth', {
  clientIDSecret: secretKeySelectorSchema,
  clientSecretSecret: secretKeySelectorSchema,
  tokenURLSecret: secretKeySelectorSchema,
  scopes: list(str),
  endpointParams: list(oauth2EndpointParamSchema),
});

/** How an HTTP artifact request authenticates. */
export interface HTTPAuth {
  clientCert?: ClientCertAuth;
  oauth2?: OAuth2Auth;
  basicAuth?: BasicAuth;
}
/** Schema of an HTTPAuth. */
export const httpAuthSchema = object<HTTPAuth>('HTTPAuth', {
  clientCert: clientCertAuthSchema,
  oauth2: oauth2AuthSchema,
  basicAuth: basicAuthSchema,
});

/** A file fetched from (or uploaded to) a URL. */
export interface HTTPArtifact {
  url: string;
  headers?: Header[];
  auth?: HTTPAuth;
  saveStreamViaFile?: boolean;
}
/** Schema of an HTTPArtifact. */
export const httpArtifactSchema = object<HTTPArtifact>(
  'HTTPArtifact',
  { url: str, headers: list(headerSchema), auth: httpAuthSchema, saveStreamViaFile: bool },
  ['url'],
);

/** A file in an Artifactory repository. */
export interface ArtifactoryArtifact {
  url: string;
  usernameSecret?: SecretKeySelector;
  passwordSecret?: SecretKeySelector;
}
/** Schema of an ArtifactoryArtifact. */
export const artifactoryArtifactSchema = object<ArtifactoryArtifact>(
  'ArtifactoryArtifact',
  { url: str, usernameSecret: secretKeySelectorSchema, passwordSecret: secretKeySelectorSchema },
  ['url'],
);

/** A file in HDFS, with optional Kerberos authentication. */
export interface HDFSArtifact {
  addresses?: string[];
  hdfsUser?: string;
  krbCCacheSecret?: SecretKeySelector;
  krbKeytabSecret?: SecretKeySelector;
  krbUsername?: string;
  krbRealm?: string;
  krbConfigConfigMap?: ConfigMapKeySelector;
  krbServicePrincipalName?: string;
  dataTransferProtection?: string;
  path: string;
  force?: boolean;
}
/** Schema of an HDFSArtifact. */
export const hdfsArtifactSchema = object<HDFSArtifact>(
  'HDFSArtifact',
  {
    addresses: list(str),
    hdfsUser: str,
    krbCCacheSecret: secretKeySelectorSchema,
    krbKeytabSecret: secretKeySelectorSchema,
    krbUsername: str,
    krbRealm: str,
    krbConfigConfigMap: configMapKeySelectorSchema,
    krbServicePrincipalName: str,
    dataTransferProtection: str,
    path: str,
    force: bool,
  },
  ['path'],
);

/** Lifecycle of objects in an OSS bucket Argo creates. */
export interface OSSLifecycleRule {
  markInfrequentAccessAfterDays?: number;
  markDeletionAfterDays?: number;
}
/** Schema of an OSSLifecycleRule. */
export const ossLifecycleRuleSchema = object<OSSLifecycleRule>('OSSLifecycleRule', {
  markInfrequentAccessAfterDays: int,
  markDeletionAfterDays: int,
});

/** An object in an Alibaba Cloud OSS bucket. */
export interface OSSArtifact {
  endpoint?: string;
  bucket?: string;
  accessKeySecret?: SecretKeySelector;
  secretKeySecret?: SecretKeySelector;
  createBucketIfNotPresent?: boolean;
  securityToken?: string;
  lifecycleRule?: OSSLifecycleRule;
  useSDKCreds?: boolean;
  key: string;
}
/** Schema of an OSSArtifact. */
export const ossArtifactSchema = object<OSSArtifact>(
  'OSSArtifact',
  {
    endpoint: str,
    bucket: str,
    accessKeySecret: secretKeySelectorSchema,
    secretKeySecret: secretKeySelectorSchema,
    createBucketIfNotPresent: bool,
    securityToken: str,
    lifecycleRule: ossLifecycleRuleSchema,
    useSDKCreds: bool,
    key: str,
  },
  ['key'],
);

/** A blob in an Azure Storage container. */
export interface AzureArtifact {
  endpoint: string;
  container: string;
  accountKeySecret?: SecretKeySelector;
  useSDKCreds?: boolean;
  blob: string;
}
/** Schema of an AzureArtifact. */
export const azureArtifactSchema = object<AzureArtifact>(
  'AzureArtifact',
  { endpoint: str, container: str, accountKeySecret: secretKeySelectorSchema, useSDKCreds: bool, blob: str },
  ['endpoint', 'container', 'blob'],
);

/** An artifact given inline as text. */
export interface RawArtifact {
  data: string;
}
/** Schema of a RawArtifact. */
export const rawArtifactSchema = object<RawArtifact>('RawArtifact', { data: str }, ['data']);

/** An artifact handled by an artifact driver plugin; `configuration` is the plugin's own YAML, as text. */
export interface PluginArtifact {
  name?: string;
  configuration?: string;
  connectionTimeoutSeconds?: number;
  key: string;
}
/** Schema of a PluginArtifact. */
export const pluginArtifactSchema = object<PluginArtifact>(
  'PluginArtifact',
  { name: str, configuration: str, connectionTimeoutSeconds: int, key: str },
  ['key'],
);

/** The storage drivers an artifact may use: at most one is set. */
export interface ArtifactDrivers {
  s3?: S3Artifact;
  gcs?: GCSArtifact;
  git?: GitArtifact;
  http?: HTTPArtifact;
  artifactory?: ArtifactoryArtifact;
  hdfs?: HDFSArtifact;
  oss?: OSSArtifact;
  azure?: AzureArtifact;
  raw?: RawArtifact;
  plugin?: PluginArtifact;
}
/** Field schemas shared by Artifact and ArtifactLocation: one optional field per storage driver. */
export const artifactLocationFields: FieldsOf<ArtifactDrivers> = {
  s3: s3ArtifactSchema,
  gcs: gcsArtifactSchema,
  git: gitArtifactSchema,
  http: httpArtifactSchema,
  artifactory: artifactoryArtifactSchema,
  hdfs: hdfsArtifactSchema,
  oss: ossArtifactSchema,
  azure: azureArtifactSchema,
  raw: rawArtifactSchema,
  plugin: pluginArtifactSchema,
};

/** A location for artifacts (`archiveLocation`), with whether the main container's logs are archived. */
export interface ArtifactLocation extends ArtifactDrivers {
  archiveLogs?: boolean;
}
/** Schema of an ArtifactLocation (`archiveLocation`). */
export const artifactLocationSchema: ObjectSchema<ArtifactLocation> = object<ArtifactLocation>(
  'ArtifactLocation',
  {
    archiveLogs: bool,
    ...artifactLocationFields,
  },
);

/** Tar-and-gzip archiving, with a gzip level (`-1` default … `9`). */
export interface TarStrategy {
  compressionLevel?: number;
}
/** Schema of a TarStrategy. */
export const tarStrategySchema = object<TarStrategy>('TarStrategy', { compressionLevel: int });

/** No archiving: files are stored as they are (written `none: {}`). */
export type NoneStrategy = Record<never, never>;
/** Schema of a NoneStrategy. */
export const noneStrategySchema = object<NoneStrategy>('NoneStrategy', {});

/** Zip archiving (written `zip: {}`). */
export type ZipStrategy = Record<never, never>;
/** Schema of a ZipStrategy. */
export const zipStrategySchema = object<ZipStrategy>('ZipStrategy', {});

/** How an output artifact is archived before upload. */
export interface ArchiveStrategy {
  tar?: TarStrategy;
  none?: NoneStrategy;
  zip?: ZipStrategy;
}
/** Schema of an archive strategy (`tar`, `none`, `zip`). */
export const archiveStrategySchema: ObjectSchema<ArchiveStrategy> = object<ArchiveStrategy>(
  'ArchiveStrategy',
  {
    tar: tarStrategySchema,
    none: noneStrategySchema,
    zip: zipStrategySchema,
  },
);

/** Labels and annotations for a pod Argo creates (here: the artifact garbage collection pod). */
export interface PodMetadata {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}
/** Schema of PodMetadata (Argo's `Metadata`). */
export const podMetadataSchema = object<PodMetadata>('Metadata', { annotations: map(str), labels: map(str) });

/** When an artifact is deleted. */
export type ArtifactGCStrategy = '' | 'OnWorkflowCompletion' | 'OnWorkflowDeletion' | 'Never' | Templated;

/** Garbage collection of an artifact: when, and how the deleting pod runs. */
export interface ArtifactGC {
  strategy?: ArtifactGCStrategy;
  podMetadata?: PodMetadata;
  serviceAccountName?: string;
}
/** Schema of a per-artifact garbage collection setting. */
export const artifactGCSchema: ObjectSchema<ArtifactGC> = object<ArtifactGC>('ArtifactGC', {
  strategy: oneOf('', 'OnWorkflowCompletion', 'OnWorkflowDeletion', 'Never'),
  podMetadata: podMetadataSchema,
  serviceAccountName: str,
});
