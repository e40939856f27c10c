import type { ArtifactStore } from '../artifacts/artifact-store';
import type { ImageCache } from '../image/image-cache';
import type { BuiltinTools } from '../pod/builtin-tools';
import type { KeyValueLookup } from '../pod/env';
import type { ImageFileReader } from '../pod/user';
import type { HostTools } from '../sandbox/host-tools';
import type { SupervisorLauncher } from '../sandbox/launcher';
import type { HostRootEntry, RootfsMode } from '../sandbox/pod-root';

/** `sandbox`: the step's image in a rootless sandbox; `host-root`: the host's `/` read-only plus the step's mounts. */
export type Isolation = 'sandbox' | 'host-root';

/** What a pod run needs from its executor. */
export interface PodRunDeps {
  readonly images: ImageCache;
  readonly artifacts: ArtifactStore;
  readonly tools: HostTools;
  readonly launcher: SupervisorLauncher;
  readonly workDir: string;
  readonly rootfsMode: () => Promise<RootfsMode>;
  readonly hostEntries: () => Promise<HostRootEntry[]>;
  readonly isolation: Isolation;
  readonly network: 'host' | 'none';
  readonly namespace: string;
  readonly secrets?: KeyValueLookup;
  readonly configMaps?: KeyValueLookup;
  /** The resolv.conf copied into networked sandboxes (read once), if any. */
  readonly resolvConf?: () => Promise<Buffer | undefined>;
  /** Reads image files (passwd, group), each once. */
  readonly imageFiles: ImageFileReader;
  readonly keepPodDirs: boolean;
  readonly builtinTools?: BuiltinTools;
  readonly now: () => number;
  /** This boot's id, recorded with each pod (read once). */
  readonly bootId: () => Promise<string>;
}
