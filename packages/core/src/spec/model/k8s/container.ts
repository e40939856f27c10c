// core/v1 Container: the shared part of Argo's container, script, containerSet and sidecar containers.
import { bool, type FieldsOf, int, list, object, oneOf, str } from '../../schema/schema';
import { type EnvFromSource, type EnvVar, envFromSourceSchema, envVarSchema } from './env';
import { type Lifecycle, lifecycleSchema, type Probe, probeSchema } from './probe';
import { type ResourceRequirements, resourceRequirementsSchema } from './resources';
import type { Templated } from './scalars';
import { type SecurityContext, securityContextSchema } from './security-context';
import { type VolumeDevice, type VolumeMount, volumeDeviceSchema, volumeMountSchema } from './volume-mount';

/** When the kubelet pulls an image. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never' | Templated;
/** Schema of a PullPolicy. */
export const pullPolicySchema = oneOf('Always', 'IfNotPresent', 'Never');

/** A network port a container exposes. */
export interface ContainerPort {
  name?: string;
  hostPort?: number;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | Templated;
  hostIP?: string;
}
/** Schema of a ContainerPort. */
export const containerPortSchema = object<ContainerPort>(
  'ContainerPort',
  { name: str, hostPort: int, containerPort: int, protocol: oneOf('TCP', 'UDP', 'SCTP'), hostIP: str },
  ['containerPort'],
);

/** Whether resizing a resource of a running container restarts it. */
export interface ContainerResizePolicy {
  resourceName: string;
  restartPolicy: 'NotRequired' | 'RestartContainer' | Templated;
}
/** Schema of a ContainerResizePolicy. */
export const containerResizePolicySchema = object<ContainerResizePolicy>(
  'ContainerResizePolicy',
  { resourceName: str, restartPolicy: oneOf('NotRequired', 'RestartContainer') },
  ['resourceName', 'restartPolicy'],
);

/** The exit codes a container restart rule matches. */
export interface ContainerRestartRuleOnExitCodes {
  operator: 'In' | 'NotIn' | Templated;
  values?: number[];
}
/** Schema of ContainerRestartRuleOnExitCodes. */
export const containerRestartRuleOnExitCodesSchema = object<ContainerRestartRuleOnExitCodes>(
  'ContainerRestartRuleOnExitCodes',
  { operator: oneOf('In', 'NotIn'), values: list(int) },
  ['operator'],
);

/** A rule restarting a container when it exits with given codes. */
export interface ContainerRestartRule {
  action: 'Restart' | Templated;
  exitCodes?: ContainerRestartRuleOnExitCodes;
}
/** Schema of a ContainerRestartRule. */
export const containerRestartRuleSchema = object<ContainerRestartRule>(
  'ContainerRestartRule',
  { action: oneOf('Restart'), exitCodes: containerRestartRuleOnExitCodesSchema },
  ['action'],
);

/** A Kubernetes container (the shared part of Argo's container, script and containerSet containers). */
export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  envFrom?: EnvFromSource[];
  env?: EnvVar[];
  resources?: ResourceRequirements;
  resizePolicy?: ContainerResizePolicy[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never' | Templated;
  restartPolicyRules?: ContainerRestartRule[];
  volumeMounts?: VolumeMount[];
  volumeDevices?: VolumeDevice[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: Lifecycle;
  terminationMessagePath?: string;
  terminationMessagePolicy?: 'File' | 'FallbackToLogsOnError' | Templated;
  imagePullPolicy?: PullPolicy;
  securityContext?: SecurityContext;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

/** Field schemas of a Kubernetes container, to be spread into Argo's container-like types. */
export const containerFields: FieldsOf<Container> = {
  name: str,
  image: str,
  command: list(str),
  args: list(str),
  workingDir: str,
  ports: list(containerPortSchema),
  envFrom: list(envFromSourceSchema),
  env: list(envVarSchema),
  resources: resourceRequirementsSchema,
  resizePolicy: list(containerResizePolicySchema),
  restartPolicy: oneOf('Always', 'OnFailure', 'Never'),
  restartPolicyRules: list(containerRestartRuleSchema),
  volumeMounts: list(volumeMountSchema),
  volumeDevices: list(volumeDeviceSchema),
  livenessProbe: probeSchema,
  readinessProbe: probeSchema,
  startupProbe: probeSchema,
  lifecycle: lifecycleSchema,
  terminationMessagePath: str,
  terminationMessagePolicy: oneOf('File', 'FallbackToLogsOnError'),
  imagePullPolicy: pullPolicySchema,
  securityContext: securityContextSchema,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
};

/**
 * Schema of a Kubernetes container. `image` is optional, unlike in Argo's JSON schema: a workflow's
 * `templateDefaults` may supply it, and Kubernetes itself leaves it to higher-level controllers.
 */
export const containerSchema = object<Container>('Container', containerFields);
