import { anyString, bool, list, type ObjectSchema, object, str } from '../schema/schema';
import { archiveStrategySchema, artifactGCSchema, artifactLocationFields } from './artifact-locations';
import { configMapKeySelectorSchema } from './k8s';

/** Where an output (or input) parameter takes its value from. */
export interface ValueFrom {
  path?: string;
  default?: string;
  expression?: string;
  parameter?: string;
  supplied?: Record<string, never>;
  jsonPath?: string;
  jqFilter?: string;
  event?: string;
  configMapKeyRef?: unknown;
}
/** Schema of ValueFrom. */
export const valueFromSchema = object<ValueFrom>('ValueFrom', {
  path: str,
  default: anyString,
  expression: str,
  parameter: str,
  supplied: object('SuppliedValueFrom', {}),
  jsonPath: str,
  jqFilter: str,
  event: str,
  configMapKeyRef: configMapKeySelectorSchema,
});

/** A named string value passed into or out of a template. */
export interface Parameter {
  name: string;
  value?: string;
  default?: string;
  description?: string;
  enum?: string[];
  globalName?: string;
  valueFrom?: ValueFrom;
}
/** Schema of Parameter. */
export const parameterSchema: ObjectSchema<Parameter> = object<Parameter>(
  'Parameter',
  {
    name: str,
    value: anyString,
    default: anyString,
    description: str,
    enum: list(anyString),
    globalName: str,
    valueFrom: valueFromSchema,
  },
  ['name'],
);

/** A named file or directory passed into or out of a template, with where it is stored. */
export interface Artifact {
  name: string;
  path?: string;
  mode?: number;
  from?: string;
  fromExpression?: string;
  archiveLogs?: boolean;
  archive?: unknown;
  globalName?: string;
  optional?: boolean;
  subPath?: string;
  recurseMode?: boolean;
  artifactGC?: unknown;
  deleted?: boolean;
  s3?: unknown;
  gcs?: unknown;
  git?: { repo: string; revision?: string; [field: string]: unknown };
  http?: unknown;
  artifactory?: unknown;
  hdfs?: unknown;
  oss?: unknown;
  azure?: unknown;
  raw?: { data: string };
  plugin?: unknown;
}
/** Schema of Artifact. */
export const artifactSchema: ObjectSchema<Artifact> = object<Artifact>(
  'Artifact',
  {
    name: str,
    path: str,
    mode: { kind: 'int' },
    from: str,
    fromExpression: str,
    archiveLogs: bool,
    archive: archiveStrategySchema,
    globalName: str,
    optional: bool,
    subPath: str,
    recurseMode: bool,
    artifactGC: artifactGCSchema,
    deleted: bool,
    ...(artifactLocationFields as Record<
      's3' | 'gcs' | 'git' | 'http' | 'artifactory' | 'hdfs' | 'oss' | 'azure' | 'raw' | 'plugin',
      typeof str
    >),
  },
  ['name'],
);

/** Values a caller passes to a template or a workflow. */
export interface Arguments {
  parameters?: Parameter[];
  artifacts?: Artifact[];
}
/** Schema of Arguments. */
export const argumentsSchema = object<Arguments>('Arguments', {
  parameters: list(parameterSchema),
  artifacts: list(artifactSchema),
});

/** What a template declares it takes. */
export interface Inputs {
  parameters?: Parameter[];
  artifacts?: Artifact[];
}
/** Schema of Inputs. */
export const inputsSchema = object<Inputs>('Inputs', {
  parameters: list(parameterSchema),
  artifacts: list(artifactSchema),
});

/** What a template declares it produces. */
export interface Outputs {
  parameters?: Parameter[];
  artifacts?: Artifact[];
  result?: string;
  exitCode?: string;
}
/** Schema of Outputs. */
export const outputsSchema = object<Outputs>('Outputs', {
  parameters: list(parameterSchema),
  artifacts: list(artifactSchema),
  result: str,
  exitCode: str,
});
