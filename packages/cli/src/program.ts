import { Command } from 'commander';
import { lintCommand } from './commands/lint';
import { version } from './version';

/** Builds the `slipway` command tree; each subcommand lives in its own file under `commands/`. */
export function buildProgram(): Command {
  const program = new Command('slipway')
    .description('Run Argo Workflows CI pipelines locally, embedded, or on Kubernetes.')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addCommand(
    lintCommand({ stdout: process.stdout, setExitCode: (code) => (process.exitCode = code) }),
  );
  return program;
}
