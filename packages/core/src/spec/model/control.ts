import { anyString, bool, intOrString, list, map, object, oneOf, str } from '../schema/schema';
import { configMapKeySelectorSchema, localObjectReferenceSchema } from './k8s';

/** Backoff between retries: `duration` grows by `factor` up to `cap`, all within `maxDuration`. */
export interface Backoff {
  duration?: string;
  factor?: number | string;
  cap?: string;
  maxDuration?: string;
}
/** Schema of Backoff. */
export const backoffSchema = object<Backoff>('Backoff', {
  duration: anyString,
  factor: intOrString,
  cap: anyString,
  maxDuration: anyString,
});

/** How a failed node is retried. */
export interface RetryStrategy {
  limit?: number | string;
  retryPolicy?: string;
  backoff?: Backoff;
  expression?: string;
  affinity?: { nodeAntiAffinity?: Record<string, never> };
}
/** Schema of RetryStrategy. */
export const retryStrategySchema = object<RetryStrategy>('RetryStrategy', {
  limit: intOrString,
  retryPolicy: oneOf('Always', 'OnFailure', 'OnError', 'OnTransientError'),
  backoff: backoffSchema,
  expression: str,
  affinity: object('RetryAffinity', { nodeAntiAffinity: object('RetryNodeAntiAffinity', {}) }),
});

/** A named lock held while a workflow or template runs. */
export interface Mutex {
  name?: string;
  namespace?: string;
  database?: boolean;
}
/** Schema of Mutex. */
export const mutexSchema = object<Mutex>('Mutex', { name: str, namespace: str, database: bool });

/** A counted lock whose size comes from a ConfigMap key or the database. */
export interface SemaphoreRef {
  configMapKeyRef?: unknown;
  namespace?: string;
  database?: { key: string };
}
/** Schema of SemaphoreRef. */
export const semaphoreRefSchema = object<SemaphoreRef>('SemaphoreRef', {
  configMapKeyRef: configMapKeySelectorSchema,
  namespace: str,
  database: object<{ key: string }>('SyncDatabaseRef', { key: str }, ['key']),
});

/** Locks taken before running. `mutex`/`semaphore` are the pre-3.6 singular forms, still read. */
export interface Synchronization {
  mutexes?: Mutex[];
  semaphores?: SemaphoreRef[];
  mutex?: Mutex;
  semaphore?: SemaphoreRef;
}
/** Schema of Synchronization. */
export const synchronizationSchema = object<Synchronization>('Synchronization', {
  mutexes: list(mutexSchema),
  semaphores: list(semaphoreRefSchema),
  mutex: mutexSchema,
  semaphore: semaphoreRefSchema,
});

/** Caches a template's outputs by key. */
export interface Memoize {
  key: string;
  maxAge: string;
  cache: { configMap: unknown };
}
/** Schema of Memoize. */
export const memoizeSchema = object<Memoize>(
  'Memoize',
  {
    key: str,
    maxAge: str,
    cache: object<{ configMap: unknown }>('Cache', { configMap: localObjectReferenceSchema }, ['configMap']),
  },
  ['key', 'cache', 'maxAge'],
);

/** Labels and annotations added to pods or workflows. */
export interface Metadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
/** Schema of Metadata. */
export const metadataSchema = object<Metadata>('Metadata', { labels: map(str), annotations: map(str) });

/** Settings of the executor that runs a template's pod. */
export interface ExecutorConfig {
  serviceAccountName?: string;
}
/** Schema of ExecutorConfig. */
export const executorConfigSchema = object<ExecutorConfig>('ExecutorConfig', { serviceAccountName: str });

/** Whether a step or task failing or erroring lets the workflow continue. */
export interface ContinueOn {
  failed?: boolean;
  error?: boolean;
}
/** Schema of ContinueOn. */
export const continueOnSchema = object<ContinueOn>('ContinueOn', { failed: bool, error: bool });

/** A numeric loop: `count` items, or `start` to `end`, each formatted with `format`. */
export interface Sequence {
  count?: number | string;
  start?: number | string;
  end?: number | string;
  format?: string;
}
/** Schema of Sequence. */
export const sequenceSchema = object<Sequence>('Sequence', {
  count: intOrString,
  start: intOrString,
  end: intOrString,
  format: str,
});
