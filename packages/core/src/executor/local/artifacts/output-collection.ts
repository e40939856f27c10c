import { lstat, readFile } from 'node:fs/promises';
import type { ArtifactValue, ParameterValue } from '../../../engine/contract';
import type { Outputs } from '../../../spec/model';
import { type RootMount, resolveInRoot } from '../fs/resolve-in-root';
import type { ArtifactStore } from './artifact-store';

/** What a pod produced besides its exit code and stdout. */
export interface CollectedOutputs {
  readonly parameters: ParameterValue[];
  readonly artifacts: ArtifactValue[];
  /** Set when a required output artifact is missing from a step that succeeded, or a parameter is too big. */
  readonly error?: string;
}

// Parameters are meant to be small; a runaway file should not be loaded whole into the workflow state.
const MAX_PARAMETER_BYTES = 1024 * 1024;

/**
 * Reads output parameters (`valueFrom.path`, one trailing newline trimmed, as Argo does; absent when the file
 * is missing so the engine can apply the default) and saves output artifacts (`path`) into the store under
 * `<keyPrefix>/<name>`. Paths are resolved inside the stopped container's root, through its mounts.
 */
export async function collectOutputs(
  outputs: Outputs | undefined,
  root: string,
  mounts: readonly RootMount[],
  store: ArtifactStore,
  keyPrefix: string,
  succeeded: boolean,
): Promise<CollectedOutputs> {
  const parameters: ParameterValue[] = [];
  const artifacts: ArtifactValue[] = [];
  const problems: string[] = [];
  for (const parameter of outputs?.parameters ?? []) {
    const path = parameter.valueFrom?.path;
    if (!path) continue;
    const file = await resolveInRoot(root, path, mounts);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (info.size > MAX_PARAMETER_BYTES) {
      problems.push(
        `output parameter \`${parameter.name}\`: ${path} is ${info.size} bytes, over the 1 MiB limit; use an artifact`,
      );
      continue;
    }
    const text = await readFile(file, 'utf8');
    parameters.push({ name: parameter.name, value: text.endsWith('\n') ? text.slice(0, -1) : text });
  }
  for (const artifact of outputs?.artifacts ?? []) {
    if (!artifact.path) continue;
    const source = await resolveInRoot(root, artifact.path, mounts);
    if (!(await lstat(source).catch(() => undefined))) {
      if (!artifact.optional && succeeded) {
        problems.push(
          `output artifact \`${artifact.name}\`: ${artifact.path} does not exist in the container`,
        );
      }
      continue;
    }
    const key = await store.put(source, `${keyPrefix}/${artifact.name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    artifacts.push({ name: artifact.name, key, path: artifact.path });
  }
  return { parameters, artifacts, ...(problems.length > 0 ? { error: problems.join('; ') } : {}) };
}
