// Pod-level settings Argo passes through to the pods it creates: tolerations, host aliases, DNS, resource
// claims, and the PodDisruptionBudget (policy/v1) it may create for a workflow.
import { int, list, object, oneOf, str } from '../../schema/schema';
import { type LabelSelector, labelSelectorSchema } from './meta';
import { type IntOrString, intOrStringSchema, type Templated } from './scalars';

/** Lets a pod be scheduled onto nodes with a matching taint. */
export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | 'Lt' | 'Gt' | Templated;
  value?: string;
  effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | Templated;
  tolerationSeconds?: number;
}
/** Schema of a Toleration (an empty `effect` means every effect). */
export const tolerationSchema = object<Toleration>('Toleration', {
  key: str,
  operator: oneOf('Exists', 'Equal', 'Lt', 'Gt'),
  value: str,
  effect: oneOf('', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'),
  tolerationSeconds: int,
});

/** An extra `/etc/hosts` entry of a pod. */
export interface HostAlias {
  ip: string;
  hostnames?: string[];
}
/** Schema of a HostAlias. */
export const hostAliasSchema = object<HostAlias>('HostAlias', { ip: str, hostnames: list(str) }, ['ip']);

/** A resolver option of a pod (`ndots: "2"`). */
export interface PodDNSConfigOption {
  name?: string;
  value?: string;
}
/** Schema of a PodDNSConfigOption. */
export const podDNSConfigOptionSchema = object<PodDNSConfigOption>('PodDNSConfigOption', {
  name: str,
  value: str,
});

/** DNS settings of a pod, merged with those its DNS policy produces. */
export interface PodDNSConfig {
  nameservers?: string[];
  searches?: string[];
  options?: PodDNSConfigOption[];
}
/** Schema of a PodDNSConfig. */
export const podDNSConfigSchema = object<PodDNSConfig>('PodDNSConfig', {
  nameservers: list(str),
  searches: list(str),
  options: list(podDNSConfigOptionSchema),
});

/** A dynamic resource claim of a pod: an existing ResourceClaim or one made from a template. */
export interface PodResourceClaim {
  name: string;
  resourceClaimName?: string;
  resourceClaimTemplateName?: string;
}
/** Schema of a PodResourceClaim. */
export const podResourceClaimSchema = object<PodResourceClaim>(
  'PodResourceClaim',
  { name: str, resourceClaimName: str, resourceClaimTemplateName: str },
  ['name'],
);

/** How many of a workflow's pods may be disrupted at once (policy/v1 PodDisruptionBudgetSpec). */
export interface PodDisruptionBudgetSpec {
  minAvailable?: IntOrString;
  selector?: LabelSelector;
  maxUnavailable?: IntOrString;
  unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow' | Templated;
}
/** Schema of a PodDisruptionBudgetSpec. */
export const podDisruptionBudgetSpecSchema = object<PodDisruptionBudgetSpec>('PodDisruptionBudgetSpec', {
  minAvailable: intOrStringSchema,
  selector: labelSelectorSchema,
  maxUnavailable: intOrStringSchema,
  unhealthyPodEvictionPolicy: oneOf('IfHealthyBudget', 'AlwaysAllow'),
});
