// Kubernetes core/v1 types used inside Argo specs. Placeholder shapes: being filled in to the full surface.
import { anyValue, list, map, object, str, type FieldsOf, type ObjectSchema, type Schema } from '../../schema/schema';

/** Kubernetes ObjectMeta, as far as a workflow manifest uses it. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
/** Schema of ObjectMeta. */
export const objectMetaSchema: ObjectSchema<ObjectMeta> = object<ObjectMeta>('ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  labels: map(str),
  annotations: map(str),
});

/** A Kubernetes container (the shared part of Argo's container, script and containerSet containers). */
export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  volumeMounts?: VolumeMount[];
  [extra: string]: unknown;
}
/** An environment variable of a container. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}
/** A volume mounted into a container. */
export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}
/** A pod volume. */
export type Volume = { name: string } & Record<string, unknown>;
/** A PersistentVolumeClaim template. */
export type PersistentVolumeClaim = { metadata?: ObjectMeta } & Record<string, unknown>;

/** Field schemas of a Kubernetes container, to be spread into Argo's container-like types. */
export const containerFields: Record<string, Schema> = {
  name: str,
  image: str,
  command: list(str),
  args: list(str),
  workingDir: str,
  env: list(anyValue),
  envFrom: anyValue,
  volumeMounts: list(anyValue),
  resources: anyValue,
  securityContext: anyValue,
  imagePullPolicy: str,
  ports: anyValue,
  readinessProbe: anyValue,
  livenessProbe: anyValue,
  startupProbe: anyValue,
  lifecycle: anyValue,
  stdin: anyValue,
  stdinOnce: anyValue,
  tty: anyValue,
  terminationMessagePath: anyValue,
  terminationMessagePolicy: anyValue,
  volumeDevices: anyValue,
  resizePolicy: anyValue,
  restartPolicy: anyValue,
  restartPolicyRules: anyValue,
};
/** Schema of a Kubernetes container. */
export const containerSchema = object<Container>('Container', containerFields as FieldsOf<Container>);
/** Schema of a pod volume. */
export const volumeSchema: Schema = anyValue;
/** Schema of a PersistentVolumeClaim template. */
export const persistentVolumeClaimSchema: Schema = anyValue;
/** Schemas of pod-level fields Argo passes through to the pod spec. */
export const affinitySchema: Schema = anyValue;
export const tolerationSchema: Schema = anyValue;
export const hostAliasSchema: Schema = anyValue;
export const podSecurityContextSchema: Schema = anyValue;
export const podDNSConfigSchema: Schema = anyValue;
export const localObjectReferenceSchema: Schema = anyValue;
export const resourceRequirementsSchema: Schema = anyValue;
export const podDisruptionBudgetSpecSchema: Schema = anyValue;
export const labelSelectorSchema: Schema = anyValue;
export const configMapKeySelectorSchema: Schema = anyValue;
export const secretKeySelectorSchema: Schema = anyValue;
export const podResourceClaimSchema: Schema = anyValue;
export const volumeMountSchema: Schema = anyValue;
