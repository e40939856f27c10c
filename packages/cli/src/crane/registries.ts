import { type Platform, parsePlatform } from '@slipway/oci';
import { RegistryPool } from '../image/registry-pool';
import { UsageError } from '../usage-error';
import type { CraneGlobals, CraneIo } from './io';

/** The registries of one crane command: every host insecure with `--insecure`, credentials from docker config. */
export function craneRegistries(globals: CraneGlobals, io: CraneIo): RegistryPool {
  return new RegistryPool({ insecure: globals.insecure ? ['*'] : [], caFiles: [], env: io.env });
}

/** The platform `--platform` asks for; undefined for crane's default, `all`. */
export function cranePlatform(globals: CraneGlobals): Platform | undefined {
  if (globals.platform === undefined || globals.platform === 'all') return undefined;
  if (!/^[^/:]+\/[^/:]+(\/[^/:]+)?(:.*)?$/.test(globals.platform))
    throw new UsageError(
      `--platform \`${globals.platform}\` must be os/arch[/variant], e.g. linux/amd64, or all`,
    );
  // crane writes `os/arch[/variant][:osversion]`; the OS version only matters to Windows images.
  return parsePlatform(globals.platform.replace(/:[^/]*$/, ''));
}

/** Runs `work` with the command's registry pool and closes it afterwards. */
export async function withRegistries<T>(
  globals: CraneGlobals,
  io: CraneIo,
  work: (pool: RegistryPool) => Promise<T>,
): Promise<T> {
  const pool = craneRegistries(globals, io);
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}
