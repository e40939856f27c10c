import type { ObjectSchema, Schema } from '../schema/schema';
import {
  anyString,
  anyValue,
  bool,
  int,
  intOrString,
  lazy,
  list,
  map,
  object,
  oneOf,
  str,
} from '../schema/schema';
import { artifactLocationSchema } from './artifact-locations';
import {
  type ContinueOn,
  continueOnSchema,
  executorConfigSchema,
  type Memoize,
  type Metadata,
  memoizeSchema,
  metadataSchema,
  type RetryStrategy,
  retryStrategySchema,
  type Sequence,
  type Synchronization,
  sequenceSchema,
  synchronizationSchema,
} from './control';
import {
  affinitySchema,
  type Container,
  containerFields,
  hostAliasSchema,
  podResourceClaimSchema,
  podSecurityContextSchema,
  resourceRequirementsSchema,
  secretKeySelectorSchema,
  tolerationSchema,
  type Volume,
  type VolumeMount,
  volumeMountSchema,
  volumeSchema,
} from './k8s';
import { metricsSchema } from './metrics';
import {
  type Arguments,
  type Artifact,
  argumentsSchema,
  artifactSchema,
  type Inputs,
  inputsSchema,
  type Outputs,
  outputsSchema,
} from './parameters';

/** A reference to a template inside a WorkflowTemplate (or ClusterWorkflowTemplate with `clusterScope`). */
export interface TemplateRef {
  name?: string;
  template?: string;
  clusterScope?: boolean;
}
/** Schema of TemplateRef. */
export const templateRefSchema = object<TemplateRef>('TemplateRef', {
  name: str,
  template: str,
  clusterScope: bool,
});

/** A template run when a condition holds (`running`, `exit`, or an expression) during a node's life. */
export interface LifecycleHook {
  template?: string;
  templateRef?: TemplateRef;
  arguments?: Arguments;
  expression?: string;
}
/** Schema of LifecycleHook. */
export const lifecycleHookSchema = object<LifecycleHook>('LifecycleHook', {
  template: str,
  templateRef: templateRefSchema,
  arguments: argumentsSchema,
  expression: str,
});

/** What a step and a DAG task have in common: what to call, with what, how often and when. */
export interface Invocation {
  name: string;
  template?: string;
  templateRef?: TemplateRef;
  inline?: Template;
  arguments?: Arguments;
  when?: string;
  withItems?: unknown[];
  withParam?: string;
  withSequence?: Sequence;
  continueOn?: ContinueOn;
  onExit?: string;
  hooks?: Record<string, LifecycleHook>;
}

/** One step of a `steps` template. */
export type WorkflowStep = Invocation;

/** One task of a `dag` template. */
export interface DAGTask extends Invocation {
  dependencies?: string[];
  depends?: string;
}

const invocationFields = {
  name: str,
  template: str,
  templateRef: templateRefSchema,
  inline: lazy(() => templateSchema),
  arguments: argumentsSchema,
  when: anyString,
  withItems: list(anyValue),
  withParam: str,
  withSequence: sequenceSchema,
  continueOn: continueOnSchema,
  onExit: str,
  hooks: map(lifecycleHookSchema),
} satisfies Record<keyof Invocation, Schema>;

/** Schema of WorkflowStep. */
export const workflowStepSchema: ObjectSchema<WorkflowStep> = object<WorkflowStep>(
  'WorkflowStep',
  invocationFields,
);
/** Schema of DAGTask. */
export const dagTaskSchema: ObjectSchema<DAGTask> = object<DAGTask>(
  'DAGTask',
  { ...invocationFields, dependencies: list(str), depends: str },
  ['name'],
);

/** A DAG of tasks run as soon as their dependencies allow. */
export interface DAGTemplate {
  tasks: DAGTask[];
  target?: string;
  failFast?: boolean;
}
/** Schema of DAGTemplate. */
export const dagTemplateSchema = object<DAGTemplate>(
  'DAGTemplate',
  { tasks: list(dagTaskSchema), target: anyString, failFast: bool },
  ['tasks'],
);

/** A container whose command runs `source`, written to a file. */
export interface ScriptTemplate extends Container {
  /** Argo runs a script without one as a plain container (its controller only warns). */
  source?: string;
}
/** Schema of ScriptTemplate. */
// `image` may come from `templateDefaults`; `source` may be absent (see ScriptTemplate.source).
export const scriptTemplateSchema = object<ScriptTemplate>('ScriptTemplate', {
  ...containerFields,
  source: str,
});

/** A sidecar or init container, which may mirror the main container's volume mounts. */
export interface UserContainer extends Container {
  mirrorVolumeMounts?: boolean;
}
/** Schema of UserContainer. */
export const userContainerSchema = object<UserContainer>(
  'UserContainer',
  { ...containerFields, mirrorVolumeMounts: bool },
  ['name'],
);

/** A container of a containerSet, which may depend on others of the same set. */
export interface ContainerNode extends Container {
  dependencies?: string[];
}
/** Schema of ContainerNode. */
export const containerNodeSchema = object<ContainerNode>(
  'ContainerNode',
  { ...containerFields, dependencies: list(str) },
  ['name'],
);

/** Several containers in one pod, ordered by their dependencies. */
export interface ContainerSetTemplate {
  containers: ContainerNode[];
  volumeMounts?: VolumeMount[];
  retryStrategy?: { retries: number | string; duration?: string };
}
/** Schema of ContainerSetTemplate. */
export const containerSetSchema = object<ContainerSetTemplate>(
  'ContainerSetTemplate',
  {
    containers: list(containerNodeSchema),
    volumeMounts: list(volumeMountSchema),
    retryStrategy: object<{ retries: number | string; duration?: string }>(
      'ContainerSetRetryStrategy',
      { retries: intOrString, duration: str },
      ['retries'],
    ),
  },
  ['containers'],
);

/** Pause until resumed or until `duration` passes. */
export interface SuspendTemplate {
  duration?: string;
}
/** Schema of SuspendTemplate. */
export const suspendSchema = object<SuspendTemplate>('SuspendTemplate', { duration: anyString });

/** An HTTP header of an http template, literal or from a secret. */
export interface HTTPHeader {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: unknown };
}
/** Schema of HTTPHeader. */
export const httpHeaderSchema = object<HTTPHeader>(
  'HTTPHeader',
  {
    name: str,
    value: str,
    valueFrom: object<{ secretKeyRef?: unknown }>('HTTPHeaderSource', {
      secretKeyRef: secretKeySelectorSchema,
    }),
  },
  ['name'],
);

/** An HTTP request made by the controller. */
export interface HTTPTemplate {
  url: string;
  method?: string;
  headers?: HTTPHeader[];
  body?: string;
  bodyFrom?: { bytes?: string };
  timeoutSeconds?: number;
  successCondition?: string;
  insecureSkipVerify?: boolean;
}
/** Schema of HTTPTemplate. */
export const httpTemplateSchema = object<HTTPTemplate>(
  'HTTP',
  {
    url: str,
    method: str,
    headers: list(httpHeaderSchema),
    body: str,
    bodyFrom: object<{ bytes?: string }>('HTTPBodySource', { bytes: str }),
    timeoutSeconds: int,
    successCondition: str,
    insecureSkipVerify: bool,
  },
  ['url'],
);

/** A Kubernetes resource created, applied, patched, read or deleted by the workflow. */
export interface ResourceTemplate {
  action: string;
  manifest?: string;
  manifestFrom?: { artifact: Artifact };
  mergeStrategy?: string;
  successCondition?: string;
  failureCondition?: string;
  setOwnerReference?: boolean;
  flags?: string[];
}
/** Schema of ResourceTemplate. */
export const resourceTemplateSchema = object<ResourceTemplate>(
  'ResourceTemplate',
  {
    action: oneOf('get', 'create', 'apply', 'delete', 'replace', 'patch'),
    manifest: str,
    manifestFrom: object<{ artifact: Artifact }>('ManifestFrom', { artifact: artifactSchema }, ['artifact']),
    mergeStrategy: oneOf('strategic', 'merge', 'json'),
    successCondition: str,
    failureCondition: str,
    setOwnerReference: bool,
    flags: list(str),
  },
  ['action'],
);

/** A data template: list artifact paths and transform them with expressions. */
export interface DataTemplate {
  source: { artifactPaths?: Artifact };
  transformation: { expression: string }[];
}
/** Schema of DataTemplate. */
export const dataTemplateSchema = object<DataTemplate>(
  'Data',
  {
    source: object<{ artifactPaths?: Artifact }>('DataSource', {
      artifactPaths: { ...artifactSchema, name: 'ArtifactPaths' } as ObjectSchema<Artifact>,
    }),
    transformation: list(
      object<{ expression: string }>('TransformationStep', { expression: str }, ['expression']),
    ),
  },
  ['source', 'transformation'],
);

/** A unit of work: exactly one of container, script, steps, dag, suspend, resource, http, data, containerSet or plugin. */
export interface Template {
  name?: string;
  inputs?: Inputs;
  outputs?: Outputs;
  metadata?: Metadata;
  annotations?: Record<string, string>;
  container?: Container;
  script?: ScriptTemplate;
  containerSet?: ContainerSetTemplate;
  steps?: WorkflowStep[][];
  dag?: DAGTemplate;
  suspend?: SuspendTemplate;
  resource?: ResourceTemplate;
  http?: HTTPTemplate;
  data?: DataTemplate;
  plugin?: Record<string, unknown>;
  daemon?: boolean;
  volumes?: Volume[];
  initContainers?: UserContainer[];
  sidecars?: UserContainer[];
  archiveLocation?: unknown;
  activeDeadlineSeconds?: number | string;
  retryStrategy?: RetryStrategy;
  parallelism?: number;
  failFast?: boolean;
  timeout?: string;
  pendingTimeout?: string;
  nodeSelector?: Record<string, string>;
  affinity?: unknown;
  tolerations?: unknown[];
  schedulerName?: string;
  priorityClassName?: string;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  executor?: { serviceAccountName?: string };
  hostAliases?: unknown[];
  securityContext?: unknown;
  podSpecPatch?: string;
  podResources?: unknown;
  resourceClaims?: unknown[];
  metrics?: unknown;
  synchronization?: Synchronization;
  memoize?: Memoize;
}
/** Schema of Template. */
export const templateSchema: ObjectSchema<Template> = object<Template>('Template', {
  name: str,
  inputs: inputsSchema,
  outputs: outputsSchema,
  metadata: metadataSchema,
  annotations: map(str),
  container: object<Container>('Container', containerFields),
  script: scriptTemplateSchema,
  containerSet: containerSetSchema,
  steps: list(list(workflowStepSchema)),
  dag: dagTemplateSchema,
  suspend: suspendSchema,
  resource: resourceTemplateSchema,
  http: httpTemplateSchema,
  data: dataTemplateSchema,
  plugin: map(anyValue),
  daemon: bool,
  volumes: list(volumeSchema),
  initContainers: list(userContainerSchema),
  sidecars: list(userContainerSchema),
  archiveLocation: artifactLocationSchema,
  activeDeadlineSeconds: intOrString,
  retryStrategy: retryStrategySchema,
  parallelism: int,
  failFast: bool,
  timeout: anyString,
  pendingTimeout: anyString,
  nodeSelector: map(str),
  affinity: affinitySchema,
  tolerations: list(tolerationSchema),
  schedulerName: str,
  priorityClassName: str,
  serviceAccountName: str,
  automountServiceAccountToken: bool,
  executor: executorConfigSchema,
  hostAliases: list(hostAliasSchema),
  securityContext: podSecurityContextSchema,
  podSpecPatch: str,
  podResources: resourceRequirementsSchema,
  resourceClaims: list(podResourceClaimSchema),
  metrics: metricsSchema,
  synchronization: synchronizationSchema,
  memoize: memoizeSchema,
});

/** The template types, in the order Argo checks them; a template must have exactly one. */
export const TEMPLATE_TYPES = [
  'container',
  'script',
  'containerSet',
  'steps',
  'dag',
  'suspend',
  'resource',
  'http',
  'data',
  'plugin',
] as const;

/** Which kind of template this is. */
export type TemplateType = (typeof TEMPLATE_TYPES)[number];
