// core/v1 environment variables of a container.
import { bool, object, str } from '../../schema/schema';
import {
  type ConfigMapKeySelector,
  configMapKeySelectorSchema,
  type FileKeySelector,
  fileKeySelectorSchema,
  type ObjectFieldSelector,
  objectFieldSelectorSchema,
  type ResourceFieldSelector,
  resourceFieldSelectorSchema,
  type SecretKeySelector,
  secretKeySelectorSchema,
} from './references';

/** Where an environment variable's value comes from, when it is not given inline. */
export interface EnvVarSource {
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  configMapKeyRef?: ConfigMapKeySelector;
  secretKeyRef?: SecretKeySelector;
  fileKeyRef?: FileKeySelector;
}
/** Schema of an EnvVarSource. */
export const envVarSourceSchema = object<EnvVarSource>('EnvVarSource', {
  fieldRef: objectFieldSelectorSchema,
  resourceFieldRef: resourceFieldSelectorSchema,
  configMapKeyRef: configMapKeySelectorSchema,
  secretKeyRef: secretKeySelectorSchema,
  fileKeyRef: fileKeySelectorSchema,
});

/** An environment variable of a container. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}
/** Schema of an EnvVar: `value` is a string, so `value: 8080` must be quoted, as in Kubernetes. */
export const envVarSchema = object<EnvVar>(
  'EnvVar',
  { name: str, value: str, valueFrom: envVarSourceSchema },
  ['name'],
);

/** A ConfigMap whose keys all become environment variables. */
export interface ConfigMapEnvSource {
  name?: string;
  optional?: boolean;
}
/** Schema of a ConfigMapEnvSource. */
export const configMapEnvSourceSchema = object<ConfigMapEnvSource>('ConfigMapEnvSource', {
  name: str,
  optional: bool,
});

/** A Secret whose keys all become environment variables. */
export interface SecretEnvSource {
  name?: string;
  optional?: boolean;
}
/** Schema of a SecretEnvSource. */
export const secretEnvSourceSchema = object<SecretEnvSource>('SecretEnvSource', {
  name: str,
  optional: bool,
});

/** A source of many environment variables (`envFrom`), optionally prefixed. */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: ConfigMapEnvSource;
  secretRef?: SecretEnvSource;
}
/** Schema of an EnvFromSource. */
export const envFromSourceSchema = object<EnvFromSource>('EnvFromSource', {
  prefix: str,
  configMapRef: configMapEnvSourceSchema,
  secretRef: secretEnvSourceSchema,
});
