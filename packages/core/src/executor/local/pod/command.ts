import { PodSpecError } from '../errors';
import type { ImageRunConfig } from '../image/run-config';
import { expandVars } from './expand-vars';

/** Where Argo puts a script template's `source` inside the container. */
export const SCRIPT_PATH = '/argo/staging/script';

/** The command fields of a container or script template. */
export interface CommandFields {
  readonly name?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

/**
 * The argv of a container, by Kubernetes' rules: `command` replaces the image's ENTRYPOINT (and drops its
 * CMD), `args` replace CMD. A script runs `command` (default `sh`), then `args`, then the script file, as
 * Argo does. `$(VAR)` references are expanded with the container's environment.
 */
export function resolveArgv(
  fields: CommandFields,
  image: ImageRunConfig | undefined,
  env: ReadonlyMap<string, string>,
  script: boolean,
): string[] {
  let argv: readonly string[];
  if (script) {
    argv = [...(fields.command?.length ? fields.command : ['sh']), ...(fields.args ?? []), SCRIPT_PATH];
  } else if (fields.command?.length) {
    argv = [...fields.command, ...(fields.args ?? [])];
  } else {
    argv = [...(image?.entrypoint ?? []), ...(fields.args ?? image?.cmd ?? [])];
  }
  if (argv.length === 0) {
    throw new PodSpecError(
      `container \`${fields.name ?? 'main'}\` has no command: its image has no ENTRYPOINT or CMD; give \`command\` in the template`,
    );
  }
  return argv.map((arg) => expandVars(arg, (name) => env.get(name)));
}
