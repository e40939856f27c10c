import { bool, int, list, type ObjectSchema, object, oneOf, str } from '../schema/schema';
import { type ObjectMeta, objectMetaSchema } from './k8s';
import { type Arguments, argumentsSchema } from './parameters';
import {
  type WorkflowSpec,
  type WorkflowTemplateRef,
  workflowSpecSchema,
  workflowTemplateRefSchema,
} from './workflow-spec';

/** The API group and version of every kind Slipway reads. */
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/** Fields every manifest has. */
interface ManifestBase<K extends string> {
  apiVersion: string;
  kind: K;
  metadata?: ObjectMeta;
}

/** A workflow to run. */
export interface Workflow extends ManifestBase<'Workflow'> {
  spec: WorkflowSpec;
}
/** A reusable workflow spec, referenced by name. */
export interface WorkflowTemplate extends ManifestBase<'WorkflowTemplate'> {
  spec: WorkflowSpec;
}
/** A WorkflowTemplate visible from every namespace. */
export interface ClusterWorkflowTemplate extends ManifestBase<'ClusterWorkflowTemplate'> {
  spec: WorkflowSpec;
}

/** When and how a CronWorkflow starts workflows. `schedule` is the pre-3.6 singular form, still read. */
export interface CronWorkflowSpec {
  workflowSpec: WorkflowSpec;
  schedules?: string[];
  schedule?: string;
  timezone?: string;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  suspend?: boolean;
  when?: string;
  stopStrategy?: { expression: string };
  workflowMetadata?: ObjectMeta;
}
/** A workflow started on a schedule. */
export interface CronWorkflow extends ManifestBase<'CronWorkflow'> {
  spec: CronWorkflowSpec;
}

/** Which events a WorkflowEventBinding reacts to, and the template it submits. */
export interface WorkflowEventBindingSpec {
  event: { selector: string };
  submit?: { workflowTemplateRef: WorkflowTemplateRef; arguments?: Arguments; metadata?: ObjectMeta };
}
/** Submits a WorkflowTemplate when an event matches. Read and kept; not run locally. */
export interface WorkflowEventBinding extends ManifestBase<'WorkflowEventBinding'> {
  spec: WorkflowEventBindingSpec;
}

/** Any manifest Slipway reads. */
export type Manifest =
  | Workflow
  | WorkflowTemplate
  | ClusterWorkflowTemplate
  | CronWorkflow
  | WorkflowEventBinding;
/** The kinds Slipway reads. */
export type ManifestKind = Manifest['kind'];
/** The kinds whose spec is a WorkflowSpec. */
export type WorkflowLike = Workflow | WorkflowTemplate | ClusterWorkflowTemplate;

const cronWorkflowSpecSchema = object<CronWorkflowSpec>(
  'CronWorkflowSpec',
  {
    workflowSpec: workflowSpecSchema,
    schedules: list(str),
    schedule: str,
    timezone: str,
    concurrencyPolicy: oneOf('Allow', 'Forbid', 'Replace'),
    startingDeadlineSeconds: int,
    successfulJobsHistoryLimit: int,
    failedJobsHistoryLimit: int,
    suspend: bool,
    when: str,
    stopStrategy: object<{ expression: string }>('StopStrategy', { expression: str }, ['expression']),
    workflowMetadata: objectMetaSchema,
  },
  ['workflowSpec'],
);

const eventBindingSpecSchema = object<WorkflowEventBindingSpec>(
  'WorkflowEventBindingSpec',
  {
    event: object<{ selector: string }>('Event', { selector: str }, ['selector']),
    submit: object<{
      workflowTemplateRef: WorkflowTemplateRef;
      arguments?: Arguments;
      metadata?: ObjectMeta;
    }>(
      'Submit',
      {
        workflowTemplateRef: workflowTemplateRefSchema,
        arguments: argumentsSchema,
        metadata: objectMetaSchema,
      },
      ['workflowTemplateRef'],
    ),
  },
  ['event'],
);

function manifestSchema<M extends Manifest>(kind: M['kind'], spec: ObjectSchema<M['spec']>): ObjectSchema<M> {
  const fields = { apiVersion: str, kind: str, metadata: objectMetaSchema, spec };
  return object<M>(kind, fields as never, ['apiVersion', 'kind', 'spec'] as never);
}

/** The schema of each kind. */
export const manifestSchemas: { readonly [K in ManifestKind]: ObjectSchema<Extract<Manifest, { kind: K }>> } =
  {
    Workflow: manifestSchema<Workflow>('Workflow', workflowSpecSchema),
    WorkflowTemplate: manifestSchema<WorkflowTemplate>('WorkflowTemplate', workflowSpecSchema),
    ClusterWorkflowTemplate: manifestSchema<ClusterWorkflowTemplate>(
      'ClusterWorkflowTemplate',
      workflowSpecSchema,
    ),
    CronWorkflow: manifestSchema<CronWorkflow>('CronWorkflow', cronWorkflowSpecSchema),
    WorkflowEventBinding: manifestSchema<WorkflowEventBinding>(
      'WorkflowEventBinding',
      eventBindingSpecSchema,
    ),
  };

/** True for the kinds Slipway reads. */
export function isManifestKind(kind: string): kind is ManifestKind {
  return Object.hasOwn(manifestSchemas, kind);
}
