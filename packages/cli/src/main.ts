import { SlipwayError } from '@slipway/core';
import { OciError } from '@slipway/oci';
import { CommanderError } from 'commander';
import { buildProgram } from './program';

const program = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander already printed help or the usage error; usage errors exit 2, help and version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof SlipwayError) {
    // Bad input from the command line or the files it names.
    process.stderr.write(`slipway: ${error.message} [${error.code}]\n`);
    process.exit(2);
  }
  if (error instanceof OciError) {
    // The operation itself failed: a registry, a credential, an image.
    process.stderr.write(`slipway: ${error.message} [${error.code}]\n`);
    process.exit(1);
  }
  process.stderr.write(
    `slipway: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(3);
});
