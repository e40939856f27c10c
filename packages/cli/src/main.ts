import { CommanderError } from 'commander';
import { buildProgram } from './program';

// Errors are told apart by their stable code, so that this file need not load the packages that define them
// (commands load those only when they run).
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SLIPWAY_') ? code : undefined;
}

const program = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander already printed help or the usage error; usage errors exit 2, help and version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const code = codeOf(error);
  if (code) {
    process.stderr.write(`slipway: ${(error as Error).message} [${code}]\n`);
    // A failed operation (a registry, a credential, an image) exits 1; bad input from the command line or
    // the files it names exits 2.
    process.exit(code.startsWith('SLIPWAY_OCI_') ? 1 : 2);
  }
  process.stderr.write(
    `slipway: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(3);
});
