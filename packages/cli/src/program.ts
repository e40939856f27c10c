import { Command } from 'commander';
import { authCommand } from './commands/auth';
import { imageCommand } from './commands/image';
import { lintCommand } from './commands/lint';
import { scanCommands } from './commands/scan';
import { toolCommands } from './commands/tools';
import { workflowCommands } from './commands/workflows';
import { craneCommand } from './crane';
import { notifyCommand } from './notify';
import { version } from './version';

/** Builds the `slipway` command tree; each subcommand lives in its own file under `commands/`. */
export function buildProgram(): Command {
  const program = new Command('slipway')
    .description('Run Argo Workflows CI pipelines locally, embedded, or on Kubernetes.')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride();
  // One process-wide io for every command: each takes the parts it needs.
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readStdin,
    setExitCode: (code: number) => {
      process.exitCode = code;
    },
  };
  for (const command of [
    lintCommand(io),
    imageCommand(io),
    ...workflowCommands(io),
    ...toolCommands(io),
    authCommand(io),
    craneCommand(io),
    notifyCommand(io),
    ...scanCommands(io),
  ])
    program.addCommand(command);
  return program;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
