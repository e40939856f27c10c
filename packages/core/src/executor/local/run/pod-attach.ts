import { type PodPlan, planPod } from '../pod/container-plan';
import { hasExited } from '../sandbox/launch';
import { isAlive, type ProcessIdentity, readIdentity } from '../sandbox/proc-identity';
import { sandboxFile } from '../sandbox/supervisor';
import type { ContainerRecord, PodRecord } from './pod-record';
import type { PreparedContainer } from './prepare-container';

/** A container an earlier process launched, found again. */
export interface FoundContainer {
  readonly prepared: PreparedContainer;
  readonly supervisor: ProcessIdentity;
  readonly hold: boolean;
}

/** A pod an earlier process started that can be followed to its end. */
export interface AttachablePod {
  readonly record: PodRecord;
  readonly plan: PodPlan;
  /** Its launched containers, by name, in plan order. */
  readonly launched: ReadonlyMap<string, FoundContainer>;
}

async function find(record: ContainerRecord, plan: PodPlan): Promise<FoundContainer | undefined> {
  const planned = [...plan.init, ...plan.sidecars, ...plan.main].find((c) => c.name === record.name);
  const supervisor = await readIdentity(sandboxFile(record.dir, 'identity'));
  if (planned === undefined || supervisor === undefined) return undefined;
  const prepared: PreparedContainer = {
    plan: planned,
    dir: record.dir,
    root: record.root,
    options: [],
    argv: [],
    mounts: record.mounts,
  };
  return { prepared, supervisor, hold: record.hold };
}

/**
 * Whether a recorded pod can be followed to its end: every main container was launched (so the init
 * containers had succeeded), and each is still running or has finished, with the supervisor that holds its
 * root still there when its outputs are to be read from it. A pod stopped before that (a containerSet whose
 * later containers had not started yet, a sandbox killed while no process followed it) cannot.
 */
export async function attachablePod(
  record: PodRecord,
  currentBoot: string,
): Promise<AttachablePod | undefined> {
  if (record.bootId !== currentBoot) return undefined;
  let plan: PodPlan;
  try {
    plan = planPod(record.action.template);
  } catch {
    return undefined;
  }
  const launched = new Map<string, FoundContainer>();
  for (const container of record.containers) {
    const found = await find(container, plan);
    if (found !== undefined) launched.set(container.name, found);
  }
  for (const main of plan.main) {
    const found = launched.get(main.name);
    if (found === undefined) return undefined;
    const [finished, alive] = await Promise.all([hasExited(found.prepared.dir), isAlive(found.supervisor)]);
    if (!finished && !alive) return undefined;
    if (found.hold && found.prepared.root.kind === 'overlay' && !alive) return undefined;
  }
  return { record, plan, launched };
}
