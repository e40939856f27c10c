import { join } from 'node:path';
import type { RunPodAction } from '../../../engine/contract';
import { PodSpecError } from '../errors';
import type { RootMount } from '../fs/resolve-in-root';
import type { CachedImage, ImageCache, ImagePullPolicy } from '../image/image-cache';
import type { BuiltinTools } from '../pod/builtin-tools';
import { resolveArgv, SCRIPT_PATH } from '../pod/command';
import type { PlannedContainer } from '../pod/container-plan';
import { buildEnv, type PodEnvContext } from '../pod/env';
import { containerPath, type PodVolume, volumeBinds } from '../pod/mounts';
import { type ImageFileReader, resolveUser } from '../pod/user';
import { bwrapArgs, type SandboxBind } from '../sandbox/bwrap-args';
import type { HostTools } from '../sandbox/host-tools';
import {
  type HostRootEntry,
  overlayPathsOk,
  type PreparedRoot,
  prepareRoot,
  type RootfsMode,
} from '../sandbox/pod-root';

/** A container ready to launch. */
export interface PreparedContainer {
  readonly plan: PlannedContainer;
  /** The container's own directory in the pod's (its root's layers, its sandbox's output and status files). */
  readonly dir: string;
  readonly root: PreparedRoot;
  /** bubblewrap options (through `--args`). */
  readonly options: readonly string[];
  readonly argv: readonly string[];
  /** The binds, as mounts for resolving output paths after the container stopped. */
  readonly mounts: readonly RootMount[];
}

/** What every container of one pod shares. */
export interface PodContext {
  readonly action: RunPodAction;
  readonly dir: string;
  readonly images: ImageCache;
  readonly tools: HostTools;
  /** `host` entries for host-root isolation, else the way to give containers writable roots. */
  readonly rootfs: { readonly host: readonly HostRootEntry[] } | RootfsMode;
  readonly network: boolean;
  /** The pod's hostname (its name, cut to the 63 characters a hostname may have). */
  readonly hostname: string;
  readonly env: PodEnvContext;
  readonly volumes: ReadonlyMap<string, PodVolume>;
  readonly etcBinds: readonly SandboxBind[];
  readonly inputBinds: readonly SandboxBind[];
  /** The script file on the host, for script templates. */
  readonly scriptFile?: string;
  /** Slipway's own Kaniko, crane and Trivy, run in place of their images. */
  readonly builtinTools?: BuiltinTools;
  readonly hostEntries: () => Promise<readonly HostRootEntry[]>;
  readonly imageFiles: ImageFileReader;
}

const PULL_POLICIES = new Set(['Always', 'IfNotPresent', 'Never']);

async function pull(plan: PlannedContainer, ctx: PodContext): Promise<CachedImage | undefined> {
  if (typeof ctx.rootfs !== 'string') return undefined;
  const image = plan.container.image;
  if (!image) {
    throw new PodSpecError(
      `container \`${plan.name}\` has no image; set \`image\` (or templateDefaults), or run with host-root isolation`,
    );
  }
  const policy = plan.container.imagePullPolicy;
  return ctx.images.get(image, policy && PULL_POLICIES.has(policy) ? (policy as ImagePullPolicy) : undefined);
}

/**
 * Pulls a container's image, gives it a writable root, and works out its command, environment, user,
 * working directory and binds (etc files, volumes, input artifacts for main containers, the script file).
 */
export async function prepareContainer(
  plan: PlannedContainer,
  index: number,
  ctx: PodContext,
): Promise<PreparedContainer> {
  const container = plan.container;
  const tool = await ctx.builtinTools?.match(container.image);
  const image = tool === undefined ? await pull(plan, ctx) : undefined;
  // Created by `prepareRoot`.
  const dir = join(ctx.dir, 'containers', `${index}-${plan.name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  let root: PreparedRoot;
  if (tool !== undefined) root = await prepareRoot('copy', { host: await ctx.hostEntries() }, dir, ctx.tools);
  else if (typeof ctx.rootfs !== 'string')
    root = await prepareRoot('copy', { host: ctx.rootfs.host }, dir, ctx.tools);
  else {
    const rootfs = image!.rootfs;
    // Overlay options cannot carry some characters; such (unusual) paths fall back to a copy.
    const mode = ctx.rootfs === 'overlay' && !overlayPathsOk(rootfs, dir) ? 'copy' : ctx.rootfs;
    root = await prepareRoot(mode, rootfs, dir, ctx.tools);
  }
  const imageEnv = tool === undefined ? (image?.config.env ?? []) : tool.env.map(([k, v]) => `${k}=${v}`);
  const env = await buildEnv(imageEnv, container, ctx.env);
  const user = await resolveUser(
    container.securityContext,
    ctx.action.template.securityContext,
    image?.config.user,
    image?.rootfs,
    ctx.imageFiles,
  );
  // A tool writes its credentials and caches under HOME: the pod's own /tmp, as the host's root is read-only.
  if (!env.has('HOME')) env.set('HOME', tool === undefined ? (user.home ?? '/') : '/tmp');
  const argv =
    tool?.replaceArgv !== undefined
      ? [...tool.replaceArgv]
      : resolveArgv(
          container,
          tool === undefined ? image?.config : { env: [], entrypoint: tool.entrypoint },
          env,
          plan.script !== undefined,
        );
  const cwd = containerPath(container.workingDir ?? image?.config.workingDir ?? '/', 'workingDir');
  const binds: SandboxBind[] = [
    ...ctx.etcBinds,
    ...(await volumeBinds([...plan.extraMounts, ...(container.volumeMounts ?? [])], ctx.volumes)),
    ...(plan.getsInputs ? ctx.inputBinds : []),
    ...(plan.script !== undefined && ctx.scriptFile
      ? [{ source: ctx.scriptFile, target: SCRIPT_PATH, readOnly: true }]
      : []),
    ...(tool?.binds ?? []),
  ];
  const options = bwrapArgs({
    root,
    binds,
    env: [...env],
    cwd,
    uid: user.uid,
    gid: user.gid,
    hostname: ctx.hostname,
    network: ctx.network,
  });
  const mounts: RootMount[] = binds.map((bind) => ({ containerPath: bind.target, hostPath: bind.source }));
  if (root.kind === 'host') mounts.push({ containerPath: '/tmp', hostPath: root.tmp });
  return { plan, dir, root, options, argv, mounts };
}
