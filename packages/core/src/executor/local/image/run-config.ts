import type { ImageConfig } from '@slipway/oci';

/** The parts of an image's config that decide how its containers run. */
export interface ImageRunConfig {
  /** `KEY=value` entries, in the image's order. */
  readonly env: readonly string[];
  readonly workingDir?: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  /** `user`, `uid`, `user:group` or `uid:gid`, as in a Dockerfile's USER. */
  readonly user?: string;
}

/** Extracts the run settings from an image config (absent and `null` fields are left out). */
export function runConfigOf(config: ImageConfig): ImageRunConfig {
  const c = config.config ?? {};
  return {
    env: c.Env ?? [],
    ...(c.WorkingDir ? { workingDir: c.WorkingDir } : {}),
    ...(c.Entrypoint ? { entrypoint: c.Entrypoint } : {}),
    ...(c.Cmd ? { cmd: c.Cmd } : {}),
    ...(c.User ? { user: c.User } : {}),
  };
}
