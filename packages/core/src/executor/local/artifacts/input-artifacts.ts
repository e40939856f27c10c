import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunPodAction } from '../../../engine/contract';
import { ArtifactError } from '../errors';
import { copyTree } from '../fs/copy-tree';
import { containerPath } from '../pod/mounts';
import type { SandboxBind } from '../sandbox/bwrap-args';
import type { HostTools } from '../sandbox/host-tools';
import type { ArtifactStore } from './artifact-store';
import { gitClone } from './git-clone';
import { httpDownload } from './http-download';

/** One input artifact as the engine gives it. */
export type InputArtifact = RunPodAction['inputArtifacts'][number];

/** Fills `data` with one artifact; false when it has no source and may be skipped. */
async function materialize(
  artifact: InputArtifact,
  data: string,
  store: ArtifactStore,
  tools: HostTools,
): Promise<boolean> {
  if (artifact.raw !== undefined) {
    await writeFile(data, artifact.raw, { mode: 0o644 });
    return true;
  }
  if (artifact.http) {
    await httpDownload(artifact.http.url, data);
    return true;
  }
  if (artifact.git) {
    await gitClone(tools.git, artifact.git.repo, data, artifact.git.revision);
    return true;
  }
  if (artifact.key !== undefined) {
    const stored = await store.get(artifact.key);
    if (!stored)
      throw new ArtifactError(
        `input artifact \`${artifact.name}\`: nothing is stored under key \`${artifact.key}\``,
      );
    // A copy, not the stored artifact itself: the step may change its inputs, the store must not change.
    await copyTree(stored, data, tools.cp);
    return true;
  }
  return false;
}

/**
 * Places a pod's input artifacts under `dir` (a copy of a stored artifact, a git clone, a download, or raw
 * data as a file)
 * and gives the binds putting each at its `path` in the main container. Optional artifacts without a source,
 * or whose source is missing, are skipped.
 */
export async function placeInputArtifacts(
  artifacts: readonly InputArtifact[],
  dir: string,
  store: ArtifactStore,
  tools: HostTools,
): Promise<SandboxBind[]> {
  const binds: SandboxBind[] = [];
  for (const [index, artifact] of artifacts.entries()) {
    const target = containerPath(artifact.path, `path of input artifact \`${artifact.name}\``);
    const slot = join(dir, String(index));
    await mkdir(slot, { recursive: true });
    const data = join(slot, 'data');
    let placed: boolean;
    try {
      placed = await materialize(artifact, data, store, tools);
    } catch (error) {
      if (artifact.optional) continue;
      throw error;
    }
    if (!placed) {
      if (artifact.optional) continue;
      throw new ArtifactError(
        `input artifact \`${artifact.name}\` has no source (key, git, http or raw) and is not optional`,
      );
    }
    binds.push({ source: data, target });
  }
  return binds;
}
