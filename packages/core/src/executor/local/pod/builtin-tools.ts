// Steps whose image is Kaniko's, crane's or Trivy's are run by Slipway's own implementation of the tool (and
// steps whose image is Slipway's own run its CLI, e.g. `slipway notify slack`): the
// container runs over the host's root (read-only) with the step's mounts, and the tool's commands are shims that
// start the Slipway CLI. The step's own command line is unchanged, so the seeds' YAML runs as written.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseImageReference } from '@slipway/oci';
import type { SandboxBind } from '../sandbox/bwrap-args';
import { shellWord } from '../sandbox/shell-word';

/** How to start Slipway from inside a sandbox, and what its tools need. */
export interface BuiltinToolsOptions {
  /** The command line that runs the Slipway CLI, e.g. `[node, /opt/slipway/slipway.js]`. */
  readonly command: readonly string[];
  /** Host paths the command needs, bound read-only at the same path (the CLI's files, its node_modules). */
  readonly hostPaths: readonly string[];
  /** Host paths the tools write, bound read-write at the same path (the advisory database, opened with locks). */
  readonly writablePaths?: readonly string[];
  /** Environment every tool gets (registry mirrors, insecure registries, the advisory database). */
  readonly env?: Readonly<Record<string, string>>;
}

/** One tool: what the image would have run, and how the sandbox provides it. */
export interface BuiltinTool {
  readonly name: 'kaniko' | 'crane' | 'trivy' | 'dind' | 'slipway';
  /** The image's ENTRYPOINT, used when the step gives no command. */
  readonly entrypoint: readonly string[];
  /** The whole command line, ignoring the step's (the Docker daemon sidecar: Slipway's tools need none). */
  readonly replaceArgv?: readonly string[];
  readonly env: readonly (readonly [string, string])[];
  readonly binds: readonly SandboxBind[];
}

const SHIM_DIR = '/slipway/bin';

function kindOf(image: string): BuiltinTool['name'] | undefined {
  let reference: ReturnType<typeof parseImageReference>;
  try {
    reference = parseImageReference(image);
  } catch {
    return undefined;
  }
  const repo = reference.repository;
  if (/(^|\/)kaniko-project\/executor$/.test(repo) || /(^|\/)kaniko$/.test(repo)) return 'kaniko';
  if (/(^|\/)go-containerregistry\/crane$/.test(repo) || /(^|\/)crane$/.test(repo)) return 'crane';
  if (/(^|\/)(aquasec|aquasecurity)\/trivy$/.test(repo)) return 'trivy';
  if (repo === 'library/docker' && /dind/.test(reference.tag ?? '')) return 'dind';
  if (/(^|\/)slipway$/.test(repo)) return 'slipway';
  return undefined;
}

/**
 * Recognises tool images and provides their shims. The shims are written once into `dir` (a directory of the
 * executor's), then bound into each tool container.
 */
export class BuiltinTools {
  #written: Promise<string> | undefined;

  constructor(
    private readonly options: BuiltinToolsOptions,
    private readonly dir: string,
  ) {}

  /** The tool an image stands for, with its shims; undefined for any other image. */
  async match(image: string | undefined): Promise<BuiltinTool | undefined> {
    const name = image === undefined ? undefined : kindOf(image);
    if (name === undefined) return undefined;
    const bin = await this.#shims();
    const env: [string, string][] = [
      ['PATH', `${SHIM_DIR}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`],
      ['SLIPWAY_NESTED_SANDBOX', '1'],
      ...Object.entries(this.options.env ?? {}),
    ];
    const binds: SandboxBind[] = [
      { source: bin, target: SHIM_DIR, readOnly: true },
      ...this.options.hostPaths.map((path) => ({ source: path, target: path, readOnly: true })),
      ...(this.options.writablePaths ?? []).map((path) => ({ source: path, target: path, readOnly: false })),
    ];
    switch (name) {
      case 'kaniko':
        return {
          name,
          entrypoint: ['/kaniko/executor'],
          env: [...env, ['DOCKER_CONFIG', '/kaniko/.docker']],
          binds: [...binds, { source: join(bin, 'executor'), target: '/kaniko/executor', readOnly: true }],
        };
      case 'crane':
        return { name, entrypoint: ['crane'], env, binds };
      case 'trivy':
        return { name, entrypoint: ['trivy'], env, binds };
      case 'slipway':
        return { name, entrypoint: ['slipway'], env, binds };
      case 'dind':
        return { name, entrypoint: [], replaceArgv: ['sleep', '2147483647'], env, binds };
    }
  }

  #shims(): Promise<string> {
    this.#written ??= (async () => {
      const bin = join(this.dir, 'bin');
      await mkdir(bin, { recursive: true });
      const slipway = this.options.command.map(shellWord).join(' ');
      const shims: Record<string, string> = {
        slipway: '',
        executor: 'kaniko',
        crane: 'crane',
        trivy: 'trivy',
      };
      for (const [file, sub] of Object.entries(shims)) {
        const path = join(bin, file);
        await writeFile(path, `#!/bin/sh\nexec ${slipway}${sub ? ` ${sub}` : ''} "$@"\n`);
        await chmod(path, 0o755);
      }
      return bin;
    })();
    return this.#written;
  }
}
