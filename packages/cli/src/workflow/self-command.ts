import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How this very CLI is started again from inside a sandbox (the built-in tools' shims call it). */
export interface SelfCommand {
  readonly command: readonly string[];
  /** Host paths the command reads: the CLI's files and, when run from source, the repository's node_modules. */
  readonly hostPaths: readonly string[];
}

function projectRoot(from: string): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'node_modules'))) return dir;
  return dirname(from);
}

/** The command line of this process (node, its loader flags, the script), made usable from any directory. */
export function selfCommand(): SelfCommand {
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot tell how slipway was started: no script path in argv');
  const loaders: string[] = [];
  const execArgv = process.execArgv;
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    // Running from source (`node --import tsx main.ts`): the loader must resolve from anywhere, so by its path.
    if ((arg === '--import' || arg === '--loader') && execArgv[i + 1] !== undefined) {
      loaders.push(arg, import.meta.resolve(execArgv[i + 1]!));
      i++;
    }
  }
  return {
    command: [process.execPath, ...loaders, script],
    hostPaths: [projectRoot(script), dirname(process.execPath)],
  };
}
