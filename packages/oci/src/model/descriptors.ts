/** A content digest, `algorithm:hex` (Slipway writes sha256; reads sha256 and sha512). */
export type Digest = `${string}:${string}`;

/** The platform an image in an index is for. */
export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

/** A pointer to content: what it is, its digest and size (OCI image spec "descriptor"). */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
  artifactType?: string;
}

/** A single-platform image manifest (OCI or Docker schema 2; same shape). */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** A multi-platform index (OCI index or Docker manifest list; same shape). */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** A manifest or index exactly as stored: its bytes are what its digest covers. */
export interface RawManifest {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly bytes: Uint8Array;
}

/** The image configuration (the parts Slipway reads and writes). */
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string>;
    ExposedPorts?: Record<string, Record<string, never>>;
    Volumes?: Record<string, Record<string, never>>;
    StopSignal?: string;
    Healthcheck?: unknown;
    Shell?: string[];
    OnBuild?: string[] | null;
  };
  rootfs: { type: 'layers'; diff_ids: Digest[] };
  history?: {
    created?: string;
    created_by?: string;
    comment?: string;
    empty_layer?: boolean;
    author?: string;
  }[];
}
