import { bool, int, list, map, type ObjectSchema, object, oneOf, str } from '../schema/schema';
import { artifactGCSchema } from './artifact-locations';
import {
  executorConfigSchema,
  type Metadata,
  metadataSchema,
  type RetryStrategy,
  retryStrategySchema,
  type Synchronization,
  synchronizationSchema,
} from './control';
import {
  affinitySchema,
  containerSchema,
  hostAliasSchema,
  labelSelectorSchema,
  localObjectReferenceSchema,
  objectMetaSchema,
  type PersistentVolumeClaim,
  persistentVolumeClaimSchema,
  podDisruptionBudgetSpecSchema,
  podDNSConfigSchema,
  podResourceClaimSchema,
  podSecurityContextSchema,
  resourceRequirementsSchema,
  tolerationSchema,
  type Volume,
  volumeSchema,
} from './k8s';
import { metricsSchema } from './metrics';
import { type Arguments, argumentsSchema } from './parameters';
import { type LifecycleHook, lifecycleHookSchema, type Template, templateSchema } from './template';

/** A reference to a WorkflowTemplate (or ClusterWorkflowTemplate) whose spec a workflow runs. */
export interface WorkflowTemplateRef {
  name?: string;
  clusterScope?: boolean;
}
/** Schema of WorkflowTemplateRef. */
export const workflowTemplateRefSchema = object<WorkflowTemplateRef>('WorkflowTemplateRef', {
  name: str,
  clusterScope: bool,
});

/** Labels and annotations for the workflow itself, some computed from expressions. */
export interface WorkflowMetadata extends Metadata {
  labelsFrom?: Record<string, { expression: string }>;
}

/** The body of a Workflow, WorkflowTemplate or ClusterWorkflowTemplate. */
export interface WorkflowSpec {
  entrypoint?: string;
  arguments?: Arguments;
  templates?: Template[];
  templateDefaults?: Template;
  workflowTemplateRef?: WorkflowTemplateRef;
  onExit?: string;
  hooks?: Record<string, LifecycleHook>;
  parallelism?: number;
  activeDeadlineSeconds?: number;
  retryStrategy?: RetryStrategy;
  synchronization?: Synchronization;
  suspend?: boolean;
  shutdown?: string;
  priority?: number;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  executor?: { serviceAccountName?: string };
  volumes?: Volume[];
  volumeClaimTemplates?: PersistentVolumeClaim[];
  volumeClaimGC?: { strategy?: string };
  nodeSelector?: Record<string, string>;
  affinity?: unknown;
  tolerations?: unknown[];
  imagePullSecrets?: unknown[];
  hostNetwork?: boolean;
  dnsPolicy?: string;
  dnsConfig?: unknown;
  hostAliases?: unknown[];
  securityContext?: unknown;
  schedulerName?: string;
  podPriorityClassName?: string;
  podGC?: { strategy?: string; labelSelector?: unknown; deleteDelayDuration?: string };
  podMetadata?: Metadata;
  podSpecPatch?: string;
  podDisruptionBudget?: unknown;
  podResources?: unknown;
  resourceClaims?: unknown[];
  ttlStrategy?: {
    secondsAfterCompletion?: number;
    secondsAfterSuccess?: number;
    secondsAfterFailure?: number;
  };
  archiveLogs?: boolean;
  artifactRepositoryRef?: { configMap?: string; key?: string };
  artifactGC?: unknown;
  executorPlugins?: {
    metadata?: unknown;
    spec?: { sidecar?: { container?: unknown; automountServiceAccountToken?: boolean } };
  }[];
  metrics?: unknown;
  workflowMetadata?: WorkflowMetadata;
}

/** Schema of WorkflowSpec. */
export const workflowSpecSchema: ObjectSchema<WorkflowSpec> = object<WorkflowSpec>('WorkflowSpec', {
  entrypoint: str,
  arguments: argumentsSchema,
  templates: list(templateSchema),
  templateDefaults: templateSchema,
  workflowTemplateRef: workflowTemplateRefSchema,
  onExit: str,
  hooks: map(lifecycleHookSchema),
  parallelism: int,
  activeDeadlineSeconds: int,
  retryStrategy: retryStrategySchema,
  synchronization: synchronizationSchema,
  suspend: bool,
  shutdown: oneOf('Terminate', 'Stop'),
  priority: int,
  serviceAccountName: str,
  automountServiceAccountToken: bool,
  executor: executorConfigSchema,
  volumes: list(volumeSchema),
  volumeClaimTemplates: list(persistentVolumeClaimSchema),
  volumeClaimGC: object<{ strategy?: string }>('VolumeClaimGC', {
    strategy: oneOf('OnWorkflowCompletion', 'OnWorkflowSuccess'),
  }),
  nodeSelector: map(str),
  affinity: affinitySchema,
  tolerations: list(tolerationSchema),
  imagePullSecrets: list(localObjectReferenceSchema),
  hostNetwork: bool,
  dnsPolicy: str,
  dnsConfig: podDNSConfigSchema,
  hostAliases: list(hostAliasSchema),
  securityContext: podSecurityContextSchema,
  schedulerName: str,
  podPriorityClassName: str,
  podGC: object<{ strategy?: string; labelSelector?: unknown; deleteDelayDuration?: string }>('PodGC', {
    strategy: oneOf('', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess'),
    labelSelector: labelSelectorSchema,
    deleteDelayDuration: str,
  }),
  podMetadata: metadataSchema,
  podSpecPatch: str,
  podDisruptionBudget: podDisruptionBudgetSpecSchema,
  podResources: resourceRequirementsSchema,
  resourceClaims: list(podResourceClaimSchema),
  ttlStrategy: object<{
    secondsAfterCompletion?: number;
    secondsAfterSuccess?: number;
    secondsAfterFailure?: number;
  }>('TTLStrategy', { secondsAfterCompletion: int, secondsAfterSuccess: int, secondsAfterFailure: int }),
  archiveLogs: bool,
  artifactRepositoryRef: object<{ configMap?: string; key?: string }>('ArtifactRepositoryRef', {
    configMap: str,
    key: str,
  }),
  artifactGC: artifactGCSchema,
  executorPlugins: list(
    object('ExecutorPlugin', {
      metadata: objectMetaSchema,
      spec: object('ExecutorPluginSpec', {
        sidecar: object('ExecutorPluginSidecar', {
          container: containerSchema,
          automountServiceAccountToken: bool,
        }),
      }),
    }),
  ),
  metrics: metricsSchema,
  workflowMetadata: object<WorkflowMetadata>('WorkflowMetadata', {
    labels: map(str),
    annotations: map(str),
    labelsFrom: map(object<{ expression: string }>('LabelValueFrom', { expression: str }, ['expression'])),
  }),
});
