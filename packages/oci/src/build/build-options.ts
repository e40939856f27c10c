import type { Platform } from '../model/descriptors';
import type { CacheRepository } from './cache/registry-cache';
import type { ContextSpec } from './context/open-context';
import type { OpenRepository } from './image/base-image';
import type { BuildEvent } from './stage/build-env';

/** What to build and how: Slipway's build options (the CLI and `parseKanikoArgs` produce these). */
export interface BuildOptions {
  /** The build context: a directory path, or a parsed spec (dir, tar, git). */
  readonly context: string | ContextSpec;
  /** The Dockerfile: a path (relative paths are in the context); default `Dockerfile` in the context. */
  readonly dockerfile?: string;
  /** `--build-arg NAME=VALUE` values. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** The stage to build (default: the last one). */
  readonly target?: string;
  /** The platform of base images to pull (default: this machine's). */
  readonly platform?: Platform;
  /** Opens a registry repository for FROM and `COPY --from` images (credentials are the caller's). */
  readonly openRepository: OpenRepository;
  /** Where temporary trees go (default: the system temp directory). */
  readonly workDir?: string;
  /** Layer caching: a local directory and/or a registry repository. Off when absent. */
  readonly cache?: { readonly dir?: string; readonly repository?: CacheRepository };
  /** Sorted tar entries and fixed timestamps (`sourceDateEpoch`), so the same input gives the same digest. */
  readonly reproducible?: boolean;
  /** SOURCE_DATE_EPOCH in seconds: the timestamp of a reproducible build (default 0). */
  readonly sourceDateEpoch?: number;
  /** RUN with the network (default true); `RUN --network=none` turns it off per instruction. */
  readonly network?: boolean;
  /** Secrets for `RUN --mount=type=secret`: id → host file. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Labels added to the image config. */
  readonly labels?: Readonly<Record<string, string>>;
  /** gzip level of built layers (default 6). */
  readonly compressionLevel?: number;
  /** The bubblewrap binary (default `bwrap` on the PATH). */
  readonly bwrap?: string;
  /**
   * The build itself runs in a sandbox (a workflow step): RUN sandboxes bind the outer `/proc`, since a nested
   * sandbox may not mount a new one.
   */
  readonly nestedSandbox?: boolean;
  readonly onEvent?: (event: BuildEvent) => void;
}
