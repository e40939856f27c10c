import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTree } from '../fs/remove-tree';
import { runTool } from '../fs/run-tool';
import type { HostTools } from './host-tools';
import { overlayPathsOk } from './pod-root';

/**
 * Whether overlay mounts work here: in a user and mount namespace of our own (no root needed on kernels
 * ≥ 5.11), with the upper directory under `workDir` (overlayfs refuses some upper filesystems, e.g. overlayfs
 * itself). Mounts a tiny overlay, writes through it and checks the write reached the upper directory.
 */
export async function overlayWorks(tools: HostTools, workDir: string): Promise<boolean> {
  await mkdir(workDir, { recursive: true });
  const dir = await mkdtemp(join(workDir, 'overlay-probe-'));
  try {
    if (!overlayPathsOk(dir)) return false;
    const [lower, upper, work, merged] = ['lower', 'upper', 'work', 'merged'].map((name) =>
      join(dir, name),
    ) as [string, string, string, string];
    await Promise.all([lower, upper, work, merged].map((path) => mkdir(path)));
    await writeFile(join(lower, 'seen'), 'lower');
    const script =
      '"$1" -t overlay overlay -o "lowerdir=$2,upperdir=$3,workdir=$4" "$5" && cat "$5/seen" > "$5/written"';
    await runTool(
      tools.unshare,
      [
        '--user',
        '--map-root-user',
        '--mount',
        tools.sh,
        '-c',
        script,
        'probe',
        tools.mount,
        lower,
        upper,
        work,
        merged,
      ],
      {
        timeoutMs: 10_000,
      },
    );
    return (await readFile(join(upper, 'written'), 'utf8').catch(() => '')) === 'lower';
  } catch {
    return false;
  } finally {
    await removeTree(dir);
  }
}
