import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { DockerfileInstruction } from '../dockerfile/parse-dockerfile';
import { DockerfileSyntaxError } from '../errors';
import type { SandboxMount } from '../run/run-sandbox';

/** A `RUN --mount` turned into a bind: cache mounts persist between builds, secrets are read-only files. */
export interface RunMounts {
  readonly mounts: SandboxMount[];
  /** Mount targets (image paths, no leading `/`) to leave out of the layer. */
  readonly targets: string[];
}

function options(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split(',')) {
    const equals = part.indexOf('=');
    map.set(equals === -1 ? part : part.slice(0, equals), equals === -1 ? 'true' : part.slice(equals + 1));
  }
  return map;
}

/** Reads the `--mount` flags of a RUN: `type=cache` (target, id), `type=secret` (id, target, required), `type=tmpfs`. */
export async function runMounts(
  instruction: DockerfileInstruction,
  file: string,
  workdir: string,
  cacheDir: string,
  secrets: ReadonlyMap<string, string>,
): Promise<RunMounts> {
  const location = { file, line: instruction.line };
  const mounts: SandboxMount[] = [];
  const targets: string[] = [];
  for (const flag of instruction.flags.filter((f) => f.name === 'mount')) {
    const opts = options(flag.value ?? '');
    const type = opts.get('type') ?? 'bind';
    const rawTarget = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
    if (type === 'cache') {
      if (!rawTarget) throw new DockerfileSyntaxError(location, '--mount=type=cache needs target=PATH');
      const target = posix.resolve(workdir, rawTarget);
      const id = opts.get('id') ?? target;
      const source = join(cacheDir, createHash('sha256').update(id).digest('hex').slice(0, 32));
      await mkdir(source, { recursive: true });
      mounts.push({ source, target, readOnly: false });
      targets.push(target.slice(1));
    } else if (type === 'secret') {
      const id = opts.get('id') ?? (rawTarget ? posix.basename(rawTarget) : undefined);
      if (!id) throw new DockerfileSyntaxError(location, '--mount=type=secret needs id=NAME');
      const target = rawTarget ? posix.resolve(workdir, rawTarget) : `/run/secrets/${id}`;
      const source = secrets.get(id);
      if (!source) {
        if (opts.get('required') === 'true') {
          throw new DockerfileSyntaxError(
            location,
            `secret \`${id}\` is required; pass it with --secret id=${id},src=FILE`,
          );
        }
        continue;
      }
      mounts.push({ source, target, readOnly: true });
      targets.push(target.slice(1));
    } else {
      throw new DockerfileSyntaxError(
        location,
        `--mount=type=${type} is not supported; Slipway has type=cache and type=secret`,
      );
    }
  }
  return { mounts, targets };
}
