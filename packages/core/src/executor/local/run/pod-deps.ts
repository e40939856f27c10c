import type { ArtifactStore } from '../artifacts/artifact-store';
import type { ImageCache } from '../image/image-cache';
import type { BuiltinTools } from '../pod/builtin-tools';
import type { KeyValueLookup } from '../pod/env';
import type { HostTools } from '../sandbox/host-tools';
import type { HostRootEntry, RootfsMode } from '../sandbox/pod-root';

/** `sandbox`: the step's image in a rootless sandbox; `host-root`: the host's `/` read-only plus the step's mounts. */
export type Isolation = 'sandbox' | 'host-root';

/** What a pod run needs from its executor. */
export interface PodRunDeps {
  readonly images: ImageCache;
  readonly artifacts: ArtifactStore;
  readonly tools: HostTools;
  readonly workDir: string;
  readonly rootfsMode: () => Promise<RootfsMode>;
  readonly hostEntries: () => Promise<HostRootEntry[]>;
  readonly isolation: Isolation;
  readonly network: 'host' | 'none';
  readonly namespace: string;
  readonly secrets?: KeyValueLookup;
  readonly configMaps?: KeyValueLookup;
  readonly resolvConf?: string;
  readonly keepPodDirs: boolean;
  readonly builtinTools?: BuiltinTools;
  readonly now: () => number;
}
