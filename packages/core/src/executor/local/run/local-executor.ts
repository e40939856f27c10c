import { access, constants, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunPodAction } from '../../../engine/contract';
import type { Executor, ExecutorCallbacks, PodHandle, PodReattachment } from '../../executor';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { SandboxError } from '../errors';
import type { ImageCache } from '../image/image-cache';
import { BuiltinTools, type BuiltinToolsOptions } from '../pod/builtin-tools';
import type { KeyValueLookup } from '../pod/env';
import { cachedImageFiles } from '../pod/user';
import { DEFAULT_HOST_TOOLS, type HostTools } from '../sandbox/host-tools';
import { SupervisorLauncher } from '../sandbox/launcher';
import { overlayWorks } from '../sandbox/overlay-probe';
import { type HostRootEntry, hostRootEntries, type RootfsMode } from '../sandbox/pod-root';
import { bootId } from '../sandbox/proc-identity';
import { attachablePod } from './pod-attach';
import type { Isolation, PodRunDeps } from './pod-deps';
import { discardPod, podDir, readPodRecord } from './pod-record';
import { PodRun } from './pod-run';

/** Options of a `LocalExecutor`; the caller decides everything (nothing is read from the environment). */
export interface LocalExecutorOptions {
  /**
   * Scratch space for pods (writable layers, inputs, etc files, sandboxes' output); each pod's directory is
   * deleted after it. A later executor with the same `workDir` can pick up pods whose process stopped.
   */
  readonly workDir: string;
  readonly images: ImageCache;
  readonly artifacts: ArtifactStore;
  /** Default `sandbox`; a template can ask for `host-root` with the `slipway.io/isolation` annotation. */
  readonly isolation?: Isolation;
  /** How containers get a writable root: `auto` (default) uses an overlay when the kernel allows it, else a copy. */
  readonly rootfs?: 'auto' | RootfsMode;
  /** Default `host` (shared network); a template can override with the `slipway.io/network` annotation. */
  readonly network?: 'host' | 'none';
  /** For `fieldRef: metadata.namespace`; default `default`. */
  readonly namespace?: string;
  readonly secrets?: KeyValueLookup;
  readonly configMaps?: KeyValueLookup;
  /** The resolv.conf copied into networked sandboxes; default `/etc/resolv.conf`, false for none. */
  readonly resolvConf?: string | false;
  readonly tools?: Partial<HostTools>;
  /**
   * Run steps whose image is Kaniko's, crane's or Trivy's with Slipway's own tools (over the host's root, read-only),
   * so they need no image and no Docker daemon. Off when absent.
   */
  readonly builtinTools?: BuiltinToolsOptions;
  /** Keep pods' directories after they end (to inspect them). */
  readonly keepPodDirs?: boolean;
  /** Clock, for tests; default `Date.now`. */
  readonly now?: () => number;
}

/** Argo's message for a pod killed at its deadline. */
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

// setTimeout cannot wait longer than this; longer deadlines are re-armed.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs pods on this machine, each container in a rootless bubblewrap sandbox over its image's root
 * filesystem (or over the host's, read-only, with `host-root`). Failures of the system (an image that cannot
 * be pulled, a sandbox that cannot start) are reported as `PodExit.error`, never thrown.
 */
export class LocalExecutor implements Executor {
  private readonly tools: HostTools;
  private readonly pods = new Map<PodRun, PodHandle>();
  private mode: Promise<RootfsMode> | undefined;
  private hostEntries: Promise<HostRootEntry[]> | undefined;
  private readonly builtinTools: BuiltinTools | undefined;
  private boot: Promise<string> | undefined;
  private resolv: Promise<Buffer | undefined> | undefined;
  private readonly imageFiles = cachedImageFiles();
  private readonly launcher: SupervisorLauncher;
  private readonly now: () => number;

  constructor(private readonly options: LocalExecutorOptions) {
    this.tools = { ...DEFAULT_HOST_TOOLS, ...options.tools };
    this.now = options.now ?? Date.now;
    this.launcher = new SupervisorLauncher(this.tools);
    this.builtinTools =
      options.builtinTools === undefined
        ? undefined
        : new BuiltinTools(options.builtinTools, join(options.workDir, '.builtin-tools'));
  }

  /** How container roots are made here: the configured mode, or for `auto` what the overlay probe found. */
  rootfsMode(): Promise<RootfsMode> {
    this.mode ??= (async () => {
      await access(this.tools.bwrap, constants.X_OK).catch(() => {
        throw new SandboxError(
          `bubblewrap is not installed at ${this.tools.bwrap}; install it (apt-get install bubblewrap) or pass tools.bwrap`,
        );
      });
      const wanted = this.options.rootfs ?? 'auto';
      if (wanted !== 'auto') return wanted;
      return (await overlayWorks(this.tools, this.options.workDir)) ? 'overlay' : 'copy';
    })();
    this.mode.catch(() => {
      this.mode = undefined;
    });
    return this.mode;
  }

  /** The host's resolv.conf, read once: every networked sandbox gets a copy. */
  private resolvConf(): Promise<Buffer | undefined> {
    this.resolv ??= readFile(this.options.resolvConf || '/etc/resolv.conf').catch(() => undefined);
    return this.resolv;
  }

  private deps(): PodRunDeps {
    return {
      images: this.options.images,
      artifacts: this.options.artifacts,
      tools: this.tools,
      launcher: this.launcher,
      workDir: this.options.workDir,
      rootfsMode: () => this.rootfsMode(),
      hostEntries: () => {
        this.hostEntries ??= hostRootEntries();
        return this.hostEntries;
      },
      isolation: this.options.isolation ?? 'sandbox',
      network: this.options.network ?? 'host',
      namespace: this.options.namespace ?? 'default',
      ...(this.options.secrets ? { secrets: this.options.secrets } : {}),
      ...(this.options.configMaps ? { configMaps: this.options.configMaps } : {}),
      ...(this.options.resolvConf !== false ? { resolvConf: () => this.resolvConf() } : {}),
      imageFiles: this.imageFiles,
      keepPodDirs: this.options.keepPodDirs ?? false,
      ...(this.builtinTools ? { builtinTools: this.builtinTools } : {}),
      now: this.now,
      bootId: () => {
        this.boot ??= bootId();
        return this.boot;
      },
    };
  }

  async run(action: RunPodAction, callbacks: ExecutorCallbacks): Promise<PodHandle> {
    return this.track(action, new PodRun(action, callbacks, this.deps()));
  }

  /**
   * Picks up a pod an earlier process started, when its sandboxes are still the ones it launched (pid and
   * start time) and can be followed to the end; otherwise kills what is left of it and returns undefined.
   */
  async reattach(pod: PodReattachment, callbacks: ExecutorCallbacks): Promise<PodHandle | undefined> {
    const deps = this.deps();
    const dir = podDir(this.options.workDir, pod.workflowName, pod.nodeId);
    const record = await readPodRecord(dir);
    const found = record === undefined ? undefined : await attachablePod(record, await deps.bootId());
    if (found === undefined || found.record.action.nodeId !== pod.nodeId) {
      await discardPod(dir, deps.keepPodDirs);
      return undefined;
    }
    const action = found.record.action;
    return this.track(
      action,
      new PodRun(action, callbacks, deps, { kind: 'attach', pod: found, logged: pod.logged }),
    );
  }

  /** Hands out a pod's handle, killing the pod at its deadline. */
  private track(action: RunPodAction, pod: PodRun): PodHandle {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (action.deadline === undefined) return;
      const wait = action.deadline - this.now();
      if (wait <= 0) return pod.kill(DEADLINE_MESSAGE, true);
      timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    const handle: PodHandle = {
      nodeId: action.nodeId,
      get pid() {
        return pod.pid;
      },
      kill: async (reason) => {
        pod.kill(reason);
        await pod.finished;
      },
    };
    this.pods.set(pod, handle);
    pod.finished.finally(() => {
      clearTimeout(timer);
      this.pods.delete(pod);
    });
    return handle;
  }

  /** Kills the pods still running (they report their exit) and waits for them. */
  async close(): Promise<void> {
    await Promise.all([...this.pods.values()].map((handle) => handle.kill('the executor was closed')));
    this.launcher.close();
  }
}
