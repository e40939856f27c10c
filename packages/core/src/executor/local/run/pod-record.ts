import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunPodAction } from '../../../engine/contract';
import { keySegment } from '../artifacts/artifact-store';
import { removeTree } from '../fs/remove-tree';
import type { RootMount } from '../fs/resolve-in-root';
import type { PreparedRoot } from '../sandbox/pod-root';
import { exited, killGroup, type ProcessIdentity, readIdentity } from '../sandbox/proc-identity';
import { sandboxFile } from '../sandbox/supervisor';

/** One container of a recorded pod: what is needed to follow it and read its outputs again. */
export interface ContainerRecord {
  readonly name: string;
  readonly dir: string;
  readonly root: PreparedRoot;
  readonly mounts: readonly RootMount[];
  /** Its supervisor keeps its root readable after it exits (the container whose files hold the outputs). */
  readonly hold: boolean;
}

/** What a pod's directory records, before its first container starts, so a later process can pick it up. */
export interface PodRecord {
  readonly version: 1;
  /** The boot the pod ran in: after a reboot, nothing of it can still run. */
  readonly bootId: string;
  readonly startedAt: number;
  readonly action: RunPodAction;
  /** Every container of the pod, in the order of its plan (init containers, sidecars, main containers). */
  readonly containers: readonly ContainerRecord[];
}

const RECORD = 'pod.json';

/** The directory of a workflow node's pod: the same in every process, so a restarted one finds it again. */
export function podDir(workDir: string, workflowName: string, nodeId: string): string {
  return join(workDir, 'pods', `${keySegment(workflowName)}.${keySegment(nodeId)}`);
}

/** Records a pod in its directory. */
export async function writePodRecord(dir: string, record: PodRecord): Promise<void> {
  await writeFile(join(dir, RECORD), JSON.stringify(record), { mode: 0o600 });
}

/** The pod recorded in a directory, if any (a pod whose process died while preparing it has none). */
export async function readPodRecord(dir: string): Promise<PodRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(join(dir, RECORD), 'utf8')) as PodRecord;
    return record.version === 1 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The supervisors of the containers launched in a pod's directory. */
async function supervisors(dir: string): Promise<ProcessIdentity[]> {
  const containers = join(dir, 'containers');
  const names = await readdir(containers).catch(() => [] as string[]);
  const found = await Promise.all(
    names.map((name) => readIdentity(sandboxFile(join(containers, name), 'identity'))),
  );
  return found.filter((identity) => identity !== undefined);
}

/**
 * Gets rid of what is left of a pod that cannot be picked up: kills the sandboxes still running (each
 * identified by its supervisor's pid and start time, so no reused pid is hit), waits for them, and deletes
 * the directory unless it is to be kept.
 */
export async function discardPod(dir: string, keep: boolean): Promise<void> {
  const live = await supervisors(dir);
  await Promise.all(live.map((identity) => killGroup(identity)));
  await Promise.all(live.map((identity) => exited(identity)));
  if (!keep) await removeTree(dir).catch(() => {});
}
