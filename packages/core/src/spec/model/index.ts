export * from './control';
export * from './k8s';
export * from './manifests';
export * from './parameters';
export * from './template';
export * from './workflow-spec';
export { artifactLocationFields, artifactLocationSchema, type GitArtifact } from './artifact-locations';
export { metricsSchema } from './metrics';
