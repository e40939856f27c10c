export { artifactLocationFields, artifactLocationSchema, type GitArtifact } from './artifact-locations';
export * from './control';
export * from './k8s';
export * from './manifests';
export { metricsSchema } from './metrics';
export * from './parameters';
export * from './template';
export * from './workflow-spec';
