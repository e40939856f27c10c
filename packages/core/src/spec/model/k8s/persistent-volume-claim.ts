// core/v1 PersistentVolumeClaim: Argo's `volumeClaimTemplates` and ephemeral volumes' claim templates.
import { list, map, type ObjectSchema, object, oneOf, str } from '../../schema/schema';
import { type LabelSelector, labelSelectorSchema, type ObjectMeta, objectMetaSchema } from './meta';
import {
  type TypedLocalObjectReference,
  type TypedObjectReference,
  typedLocalObjectReferenceSchema,
  typedObjectReferenceSchema,
} from './references';
import { type Quantity, quantitySchema, type Templated, type Time } from './scalars';

/**
 * How a volume may be mounted: `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod`. Left a
 * plain string: the API server checks it when the claim is created, and Argo's own e2e suite runs a workflow
 * with an invalid mode to see that failure (e2e/expectedfailures/volumes-pvc-fail-event.yaml).
 */
export type AccessMode = string;
const accessModeSchema = str;

/** Storage requested by a claim (`requests.storage: 1Gi`). */
export interface VolumeResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
}
/** Schema of VolumeResourceRequirements. */
export const volumeResourceRequirementsSchema = object<VolumeResourceRequirements>(
  'VolumeResourceRequirements',
  {
    limits: map(quantitySchema),
    requests: map(quantitySchema),
  },
);

/** What a claim asks for: access modes, size, storage class, and an optional data source. */
export interface PersistentVolumeClaimSpec {
  accessModes?: AccessMode[];
  selector?: LabelSelector;
  resources?: VolumeResourceRequirements;
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: 'Filesystem' | 'Block' | Templated;
  dataSource?: TypedLocalObjectReference;
  dataSourceRef?: TypedObjectReference;
  volumeAttributesClassName?: string;
}
/** Schema of a PersistentVolumeClaimSpec. */
export const persistentVolumeClaimSpecSchema = object<PersistentVolumeClaimSpec>(
  'PersistentVolumeClaimSpec',
  {
    accessModes: list(accessModeSchema),
    selector: labelSelectorSchema,
    resources: volumeResourceRequirementsSchema,
    volumeName: str,
    storageClassName: str,
    volumeMode: oneOf('Filesystem', 'Block'),
    dataSource: typedLocalObjectReferenceSchema,
    dataSourceRef: typedObjectReferenceSchema,
    volumeAttributesClassName: str,
  },
);

/** One condition of a claim's status (server-written). */
export interface PersistentVolumeClaimCondition {
  type: string;
  status: string;
  lastProbeTime?: Time;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
}
/** Schema of a PersistentVolumeClaimCondition. */
export const persistentVolumeClaimConditionSchema = object<PersistentVolumeClaimCondition>(
  'PersistentVolumeClaimCondition',
  { type: str, status: str, lastProbeTime: str, lastTransitionTime: str, reason: str, message: str },
  ['type', 'status'],
);

/** The state of a pending volume attributes class change (server-written). */
export interface ModifyVolumeStatus {
  targetVolumeAttributesClassName?: string;
  status: string;
}
/** Schema of a ModifyVolumeStatus. */
export const modifyVolumeStatusSchema = object<ModifyVolumeStatus>(
  'ModifyVolumeStatus',
  { targetVolumeAttributesClassName: str, status: str },
  ['status'],
);

/** The observed state of a claim (server-written; accepted so copied manifests load). */
export interface PersistentVolumeClaimStatus {
  phase?: 'Pending' | 'Bound' | 'Lost' | Templated;
  accessModes?: AccessMode[];
  capacity?: Record<string, Quantity>;
  conditions?: PersistentVolumeClaimCondition[];
  allocatedResources?: Record<string, Quantity>;
  allocatedResourceStatuses?: Record<string, string>;
  currentVolumeAttributesClassName?: string;
  modifyVolumeStatus?: ModifyVolumeStatus;
}
/** Schema of a PersistentVolumeClaimStatus. */
export const persistentVolumeClaimStatusSchema = object<PersistentVolumeClaimStatus>(
  'PersistentVolumeClaimStatus',
  {
    phase: oneOf('Pending', 'Bound', 'Lost'),
    accessModes: list(accessModeSchema),
    capacity: map(quantitySchema),
    conditions: list(persistentVolumeClaimConditionSchema),
    allocatedResources: map(quantitySchema),
    allocatedResourceStatuses: map(str),
    currentVolumeAttributesClassName: str,
    modifyVolumeStatus: modifyVolumeStatusSchema,
  },
);

/** A PersistentVolumeClaim template (an entry of a workflow's `volumeClaimTemplates`). */
export interface PersistentVolumeClaim {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: PersistentVolumeClaimSpec;
  status?: PersistentVolumeClaimStatus;
}
/** Schema of a PersistentVolumeClaim template. */
export const persistentVolumeClaimSchema: ObjectSchema<PersistentVolumeClaim> = object<PersistentVolumeClaim>(
  'PersistentVolumeClaim',
  {
    apiVersion: str,
    kind: str,
    metadata: objectMetaSchema,
    spec: persistentVolumeClaimSpecSchema,
    status: persistentVolumeClaimStatusSchema,
  },
);

/** The claim an ephemeral volume creates for its pod. */
export interface PersistentVolumeClaimTemplate {
  metadata?: ObjectMeta;
  spec: PersistentVolumeClaimSpec;
}
/** Schema of a PersistentVolumeClaimTemplate. */
export const persistentVolumeClaimTemplateSchema = object<PersistentVolumeClaimTemplate>(
  'PersistentVolumeClaimTemplate',
  { metadata: objectMetaSchema, spec: persistentVolumeClaimSpecSchema },
  ['spec'],
);
