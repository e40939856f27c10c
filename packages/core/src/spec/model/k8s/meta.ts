// meta/v1 types: object metadata and label selectors.
import { anyValue, bool, int, list, map, type ObjectSchema, object, oneOf, str } from '../../schema/schema';
import type { Templated, Time } from './scalars';

/** A reference from an object to the object that owns it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}
/** Schema of an OwnerReference. */
export const ownerReferenceSchema = object<OwnerReference>(
  'OwnerReference',
  { apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool },
  ['apiVersion', 'kind', 'name', 'uid'],
);

/** One server-side-apply record of which manager owns which fields (server-written, kept for round trips). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update' | Templated;
  apiVersion?: string;
  time?: Time;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}
/** Schema of a ManagedFieldsEntry. */
export const managedFieldsEntrySchema = object<ManagedFieldsEntry>('ManagedFieldsEntry', {
  manager: str,
  operation: oneOf('Apply', 'Update'),
  apiVersion: str,
  time: str,
  fieldsType: str,
  // FieldsV1 is a free-form JSON tree describing a set of field paths.
  fieldsV1: anyValue,
  subresource: str,
});

/** Kubernetes ObjectMeta: what a manifest sets, plus the server-written fields a copied object carries. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  deletionGracePeriodSeconds?: number;
  selfLink?: string;
  managedFields?: ManagedFieldsEntry[];
}
/** Schema of ObjectMeta. */
export const objectMetaSchema: ObjectSchema<ObjectMeta> = object<ObjectMeta>('ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  labels: map(str),
  annotations: map(str),
  finalizers: list(str),
  ownerReferences: list(ownerReferenceSchema),
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: str,
  deletionTimestamp: str,
  deletionGracePeriodSeconds: int,
  selfLink: str,
  managedFields: list(managedFieldsEntrySchema),
});

/** One `key operator values` requirement of a LabelSelector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | Templated;
  values?: string[];
}
/** Schema of a LabelSelectorRequirement. */
export const labelSelectorRequirementSchema = object<LabelSelectorRequirement>(
  'LabelSelectorRequirement',
  { key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: list(str) },
  ['key', 'operator'],
);

/** A label query: exact labels and/or set-based requirements, all of which must match. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}
/** Schema of a LabelSelector. */
export const labelSelectorSchema = object<LabelSelector>('LabelSelector', {
  matchLabels: map(str),
  matchExpressions: list(labelSelectorRequirementSchema),
});
