// The floor under any sandboxed step on this host: the bare process chain a step needs, with no runner, no store
// and no bookkeeping — Node spawning `unshare` (user + mount namespace), `sh` mounting an overlay over the image
// and running `bwrap … true` in it. Measured in the same run as Slipway, so a busy machine slows both alike.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const SCRIPT =
  'mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$2/merged" && ' +
  'exec bwrap --unshare-all --unshare-user --share-net --die-with-parent --bind "$2/merged" / ' +
  '--proc /proc --dev /dev --clearenv --setenv PATH /bin /bin/true';

function once(rootfs: string, dir: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/unshare',
      ['--user', '--map-root-user', '--mount', '/bin/sh', '-c', SCRIPT, 'floor', rootfs, dir],
      { stdio: 'ignore', detached: true },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

/** Milliseconds per bare sandboxed `true` over `rootfs`, run `count` times one after the other. */
export async function sandboxFloorMs(rootfs: string, workDir: string, count: number): Promise<number> {
  const dirs = Array.from({ length: count + 1 }, (_, i) => join(workDir, String(i)));
  for (const dir of dirs) {
    await mkdir(join(dir, 'upper'), { recursive: true });
    await Promise.all([mkdir(join(dir, 'work')), mkdir(join(dir, 'merged'))]);
  }
  if ((await once(rootfs, dirs[0]!)) !== 0) throw new Error('the bare sandbox chain does not run here');
  const started = performance.now();
  for (const dir of dirs.slice(1)) await once(rootfs, dir);
  return (performance.now() - started) / count;
}
