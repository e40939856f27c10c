import type { SandboxResult } from '../sandbox/launch';
import type { PreparedContainer } from './prepare-container';
import type { RunningContainer } from './run-container';

/** How one main container fared: run (with its result) or skipped because a dependency did not succeed. */
export interface ContainerOutcome {
  readonly running?: RunningContainer;
  readonly result?: SandboxResult;
}

const succeeded = (outcome: ContainerOutcome) =>
  outcome.result?.started === true && outcome.result.exitCode === 0;

/**
 * Runs the main containers of a pod: each one as soon as its dependencies (containerSet `dependencies`) have
 * succeeded, independent ones at the same time, as Argo's containerSet does; a container whose dependency
 * failed is skipped. `containers` must be in dependency order.
 */
export async function runContainers(
  containers: readonly PreparedContainer[],
  launch: (container: PreparedContainer) => RunningContainer,
): Promise<Map<string, ContainerOutcome>> {
  const pending = new Map<string, Promise<ContainerOutcome>>();
  for (const container of containers) {
    const deps = container.plan.dependencies.map((name) => pending.get(name) ?? Promise.resolve({}));
    pending.set(
      container.plan.name,
      Promise.all(deps).then(async (outcomes): Promise<ContainerOutcome> => {
        if (!outcomes.every(succeeded)) return {};
        const running = launch(container);
        return { running, result: await running.finished };
      }),
    );
  }
  const outcomes = new Map<string, ContainerOutcome>();
  for (const [name, outcome] of pending) outcomes.set(name, await outcome);
  return outcomes;
}
