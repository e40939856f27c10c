// Where an artifact lives (S3, GCS, git, HTTP, …). Placeholder shapes: being filled in to the full surface.
import { anyValue, type Schema } from '../schema/schema';

/** The git location of an artifact: the one input artifact kind the local engine fetches itself. */
export interface GitArtifact {
  repo: string;
  revision?: string;
  [extra: string]: unknown;
}

/** Field schemas shared by Artifact and ArtifactLocation: one optional field per storage driver. */
export const artifactLocationFields: Record<string, Schema> = {
  s3: anyValue,
  gcs: anyValue,
  git: anyValue,
  http: anyValue,
  artifactory: anyValue,
  hdfs: anyValue,
  oss: anyValue,
  azure: anyValue,
  raw: anyValue,
  plugin: anyValue,
};
/** Schema of an archive strategy (`tar`, `none`, `zip`). */
export const archiveStrategySchema: Schema = anyValue;
/** Schema of a per-artifact garbage collection setting. */
export const artifactGCSchema: Schema = anyValue;
/** Schema of an ArtifactLocation (`archiveLocation`). */
export const artifactLocationSchema: Schema = anyValue;
