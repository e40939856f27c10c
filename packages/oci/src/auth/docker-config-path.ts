import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Environment variables as the CLI passes them (usually `process.env`). */
export type AuthEnv = Readonly<Record<string, string | undefined>>;

/** Where to look for registry credentials files. */
export interface DockerConfigLocationOptions {
  /** An explicit file (`--config`/`--authfile`); when given, nothing else is looked at. */
  readonly path?: string;
  /** Environment: `DOCKER_CONFIG`, `REGISTRY_AUTH_FILE`, `XDG_RUNTIME_DIR`, `XDG_CONFIG_HOME`. */
  readonly env: AuthEnv;
  /** The user's home directory (`~`). */
  readonly homeDir: string;
}

/** One candidate credentials file and the tool convention it comes from. */
export interface DockerConfigCandidate {
  readonly path: string;
  readonly source:
    | 'explicit'
    | 'DOCKER_CONFIG'
    | 'REGISTRY_AUTH_FILE'
    | 'docker-home'
    | 'XDG_RUNTIME_DIR'
    | 'XDG_CONFIG_HOME';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/**
 * The credentials files to try, in order; the first that exists is used (files are not merged):
 * 1. `path` when given (only that);
 * 2. `$DOCKER_CONFIG/config.json` when `DOCKER_CONFIG` is set (docker then never reads `~/.docker`);
 * 3. `$REGISTRY_AUTH_FILE` when set (podman, skopeo, buildah);
 * 4. `~/.docker/config.json` when `DOCKER_CONFIG` is not set;
 * 5. `$XDG_RUNTIME_DIR/containers/auth.json` (podman's default on Linux);
 * 6. `${XDG_CONFIG_HOME:-~/.config}/containers/auth.json` (podman's persistent fallback).
 */
export function dockerConfigCandidates(options: DockerConfigLocationOptions): DockerConfigCandidate[] {
  if (options.path !== undefined) return [{ path: resolve(options.path), source: 'explicit' }];
  const { env, homeDir } = options;
  const out: DockerConfigCandidate[] = [];
  const dockerConfig = nonEmpty(env.DOCKER_CONFIG);
  if (dockerConfig) out.push({ path: resolve(dockerConfig, 'config.json'), source: 'DOCKER_CONFIG' });
  const authFile = nonEmpty(env.REGISTRY_AUTH_FILE);
  if (authFile) out.push({ path: resolve(authFile), source: 'REGISTRY_AUTH_FILE' });
  if (!dockerConfig) out.push({ path: join(homeDir, '.docker', 'config.json'), source: 'docker-home' });
  const runtimeDir = nonEmpty(env.XDG_RUNTIME_DIR);
  if (runtimeDir) out.push({ path: join(runtimeDir, 'containers', 'auth.json'), source: 'XDG_RUNTIME_DIR' });
  const configHome = nonEmpty(env.XDG_CONFIG_HOME) ?? join(homeDir, '.config');
  out.push({ path: join(configHome, 'containers', 'auth.json'), source: 'XDG_CONFIG_HOME' });
  return out;
}

/** The file docker itself would create: `path`, else `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultDockerConfigPath(options: DockerConfigLocationOptions): string {
  if (options.path !== undefined) return resolve(options.path);
  const dockerConfig = nonEmpty(options.env.DOCKER_CONFIG);
  return dockerConfig
    ? resolve(dockerConfig, 'config.json')
    : join(options.homeDir, '.docker', 'config.json');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The credentials file in use: the first existing candidate, else (`exists: false`) where docker would create one. */
export async function findDockerConfigPath(
  options: DockerConfigLocationOptions,
): Promise<{ readonly path: string; readonly exists: boolean }> {
  for (const candidate of dockerConfigCandidates(options)) {
    if (await isFile(candidate.path)) return { path: candidate.path, exists: true };
  }
  return { path: defaultDockerConfigPath(options), exists: false };
}
