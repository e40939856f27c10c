import type { ContainerExit } from '../../../engine/contract';
import { SandboxError } from '../errors';
import type { ContainerOutcome } from './container-runner';

/** The pod's exit code and, for containerSets, how each container ended. */
export interface MainsSummary {
  /** The first failing container's exit code, else the output container's; undefined if neither ran. */
  readonly exitCode?: number;
  readonly containers: ContainerExit[];
}

/**
 * Sums up the main containers: a container the sandbox could not start makes the pod an Error (thrown);
 * otherwise the first failure (in dependency order) decides the exit code, as a failed container fails
 * Argo's containerSet.
 */
export function summarizeMains(
  mains: ReadonlyMap<string, ContainerOutcome>,
  outputName: string,
): MainsSummary {
  const containers: ContainerExit[] = [];
  let failed: number | undefined;
  for (const [name, outcome] of mains) {
    const result = outcome.result;
    if (result && !result.started) throw new SandboxError(`container \`${name}\`: ${result.error}`);
    if (!result) {
      containers.push({ name, message: 'not run: a container it depends on did not succeed' });
      continue;
    }
    containers.push({ name, exitCode: result.exitCode });
    if (result.exitCode !== 0) failed ??= result.exitCode;
  }
  const output = mains.get(outputName)?.result;
  const exitCode = failed ?? (output?.started ? output.exitCode : undefined);
  return { ...(exitCode === undefined ? {} : { exitCode }), containers };
}
