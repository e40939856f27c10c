import { Command } from 'commander';
import type { ImageIo } from '../image/actions';

/**
 * `slipway kaniko …`: Kaniko's executor command line, run by Slipway's builder. Workflow steps whose image is
 * Kaniko's call it through the `/kaniko/executor` shim; it is also usable directly.
 */
export function toolCommands(io: ImageIo): Command[] {
  const kaniko = new Command('kaniko')
    .description("Build with Kaniko's executor flags (what steps with Kaniko's image run)")
    .argument('[flags...]', "Kaniko's flags, checked by the builder (unknown flags are errors)")
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .exitOverride()
    .action(async (flags: string[]) => (await import('../build/actions')).runBuild(flags, io));
  return [kaniko];
}
