// core/v1 references to other objects and to keys inside ConfigMaps, Secrets and files.
import { bool, int, object, str } from '../../schema/schema';
import { type Quantity, quantitySchema } from './scalars';

/** A reference to an object by name in the same namespace (an image pull secret, a Secret). */
export interface LocalObjectReference {
  name?: string;
}
/** Schema of a LocalObjectReference. */
export const localObjectReferenceSchema = object<LocalObjectReference>('LocalObjectReference', { name: str });

/** A reference to a typed object in the same namespace (a PVC's data source). */
export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
}
/** Schema of a TypedLocalObjectReference. */
export const typedLocalObjectReferenceSchema = object<TypedLocalObjectReference>(
  'TypedLocalObjectReference',
  { apiGroup: str, kind: str, name: str },
  ['kind', 'name'],
);

/** A reference to a typed object, possibly in another namespace (a PVC's `dataSourceRef`). */
export interface TypedObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
  namespace?: string;
}
/** Schema of a TypedObjectReference. */
export const typedObjectReferenceSchema = object<TypedObjectReference>(
  'TypedObjectReference',
  { apiGroup: str, kind: str, name: str, namespace: str },
  ['kind', 'name'],
);

/** A key of a ConfigMap. */
export interface ConfigMapKeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}
/** Schema of a ConfigMapKeySelector. */
export const configMapKeySelectorSchema = object<ConfigMapKeySelector>(
  'ConfigMapKeySelector',
  { name: str, key: str, optional: bool },
  ['key'],
);

/** A key of a Secret. */
export interface SecretKeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}
/** Schema of a SecretKeySelector. */
export const secretKeySelectorSchema = object<SecretKeySelector>(
  'SecretKeySelector',
  { name: str, key: str, optional: bool },
  ['key'],
);

/** A field of the pod itself (`metadata.name`, `status.podIP`, a label). */
export interface ObjectFieldSelector {
  apiVersion?: string;
  fieldPath: string;
}
/** Schema of an ObjectFieldSelector. */
export const objectFieldSelectorSchema = object<ObjectFieldSelector>(
  'ObjectFieldSelector',
  { apiVersion: str, fieldPath: str },
  ['fieldPath'],
);

/** A container's resource request or limit (`limits.cpu`), optionally scaled by a divisor. */
export interface ResourceFieldSelector {
  containerName?: string;
  resource: string;
  divisor?: Quantity;
}
/** Schema of a ResourceFieldSelector. */
export const resourceFieldSelectorSchema = object<ResourceFieldSelector>(
  'ResourceFieldSelector',
  { containerName: str, resource: str, divisor: quantitySchema },
  ['resource'],
);

/** A key of an env file inside a pod volume. */
export interface FileKeySelector {
  volumeName: string;
  path: string;
  key: string;
  optional?: boolean;
}
/** Schema of a FileKeySelector. */
export const fileKeySelectorSchema = object<FileKeySelector>(
  'FileKeySelector',
  { volumeName: str, path: str, key: str, optional: bool },
  ['volumeName', 'path', 'key'],
);

/** Maps a ConfigMap or Secret key to a file path inside a volume. */
export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}
/** Schema of a KeyToPath. */
export const keyToPathSchema = object<KeyToPath>('KeyToPath', { key: str, path: str, mode: int }, [
  'key',
  'path',
]);
