// core/v1 Affinity: node affinity and pod (anti-)affinity scheduling rules.
import { int, list, type ObjectSchema, object, oneOf, str } from '../../schema/schema';
import { type LabelSelector, labelSelectorSchema } from './meta';
import type { Templated } from './scalars';

/** One `key operator values` requirement on node labels or fields (`Gt`/`Lt` compare integers). */
export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | Templated;
  values?: string[];
}
/** Schema of a NodeSelectorRequirement. */
export const nodeSelectorRequirementSchema = object<NodeSelectorRequirement>(
  'NodeSelectorRequirement',
  { key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'), values: list(str) },
  ['key', 'operator'],
);

/** Requirements on node labels and fields that must all hold. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}
/** Schema of a NodeSelectorTerm. */
export const nodeSelectorTermSchema = object<NodeSelectorTerm>('NodeSelectorTerm', {
  matchExpressions: list(nodeSelectorRequirementSchema),
  matchFields: list(nodeSelectorRequirementSchema),
});

/** Node selector terms of which at least one must hold. */
export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}
/** Schema of a NodeSelector. */
export const nodeSelectorSchema = object<NodeSelector>(
  'NodeSelector',
  { nodeSelectorTerms: list(nodeSelectorTermSchema) },
  ['nodeSelectorTerms'],
);

/** A weighted node preference (weight 1–100). */
export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}
/** Schema of a PreferredSchedulingTerm. */
export const preferredSchedulingTermSchema = object<PreferredSchedulingTerm>(
  'PreferredSchedulingTerm',
  { weight: int, preference: nodeSelectorTermSchema },
  ['weight', 'preference'],
);

/** Which nodes a pod must or should run on. */
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}
/** Schema of a NodeAffinity. */
export const nodeAffinitySchema = object<NodeAffinity>('NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: nodeSelectorSchema,
  preferredDuringSchedulingIgnoredDuringExecution: list(preferredSchedulingTermSchema),
});

/** A set of pods (by labels and namespaces) the pod should be co-located with, per topology domain. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  topologyKey: string;
  namespaceSelector?: LabelSelector;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}
/** Schema of a PodAffinityTerm. */
export const podAffinityTermSchema = object<PodAffinityTerm>(
  'PodAffinityTerm',
  {
    labelSelector: labelSelectorSchema,
    namespaces: list(str),
    topologyKey: str,
    namespaceSelector: labelSelectorSchema,
    matchLabelKeys: list(str),
    mismatchLabelKeys: list(str),
  },
  ['topologyKey'],
);

/** A weighted pod affinity preference (weight 1–100). */
export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}
/** Schema of a WeightedPodAffinityTerm. */
export const weightedPodAffinityTermSchema = object<WeightedPodAffinityTerm>(
  'WeightedPodAffinityTerm',
  { weight: int, podAffinityTerm: podAffinityTermSchema },
  ['weight', 'podAffinityTerm'],
);

/** Pods this pod must or should be scheduled near. */
export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}
/** Schema of a PodAffinity. */
export const podAffinitySchema = object<PodAffinity>('PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTermSchema),
  preferredDuringSchedulingIgnoredDuringExecution: list(weightedPodAffinityTermSchema),
});

/** Pods this pod must or should be scheduled away from. */
export interface PodAntiAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}
/** Schema of a PodAntiAffinity. */
export const podAntiAffinitySchema = object<PodAntiAffinity>('PodAntiAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTermSchema),
  preferredDuringSchedulingIgnoredDuringExecution: list(weightedPodAffinityTermSchema),
});

/** Scheduling constraints of a pod. */
export interface Affinity {
  nodeAffinity?: NodeAffinity;
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAntiAffinity;
}
/** Schema of an Affinity. */
export const affinitySchema: ObjectSchema<Affinity> = object<Affinity>('Affinity', {
  nodeAffinity: nodeAffinitySchema,
  podAffinity: podAffinitySchema,
  podAntiAffinity: podAntiAffinitySchema,
});
