// Kubernetes types used inside Argo specs (core/v1, meta/v1 and policy/v1), as TypeScript interfaces with
// their decoding schemas. Field sets follow Argo's JSON schema; see schema-crosscheck.test.ts.
export * from './affinity';
export * from './container';
export * from './env';
export * from './meta';
export * from './persistent-volume-claim';
export * from './pod';
export * from './probe';
export * from './projected';
export * from './references';
export * from './resources';
export * from './scalars';
export * from './security-context';
export * from './volume';
export * from './volume-mount';
export * from './volume-sources';
