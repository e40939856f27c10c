import type { Diagnostic } from '@slipway/core';
import { Command, Option } from 'commander';
import pc from 'picocolors';

/** Where `slipway lint` writes, and whether that is a terminal. */
export interface LintIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly setExitCode: (code: number) => void;
}

/** `slipway lint PATH…`: validate Argo YAML; exit 0 clean, 1 with errors, 2 for usage errors. */
export function lintCommand(io: LintIo): Command {
  return new Command('lint')
    .description('Validate and lint Argo Workflows YAML (files, directories, or - for stdin)')
    .exitOverride()
    .argument('<paths...>', 'files or directories to lint together')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['pretty', 'json']).default('pretty'),
    )
    .option('--strict', 'unknown fields are errors (default)', true)
    .option('--no-strict', 'report unknown fields as warnings')
    .option('--no-warnings', 'report errors only')
    .action(async (paths: string[], options: { output: string; strict: boolean; warnings: boolean }) => {
      const { formatDiagnostic, lint, loadDocuments, PLAIN, readSources, summarize } = await import(
        '@slipway/core'
      );
      const sources = await readSources(paths);
      const load = loadDocuments(sources);
      let diagnostics = lint(load, { warnings: options.warnings });
      if (!options.strict) diagnostics = diagnostics.map(relaxUnknownField);
      const summary = summarize(diagnostics);
      if (options.output === 'json') {
        const report = {
          files: sources.length,
          manifests: load.manifests.map((m) => ({ file: m.file, kind: m.manifest.kind, name: m.name })),
          ignored: load.ignored,
          diagnostics,
          summary,
        };
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const paint = io.stdout.isTTY
          ? { red: pc.red, yellow: pc.yellow, bold: pc.bold, dim: pc.dim, cyan: pc.cyan }
          : PLAIN;
        for (const d of diagnostics)
          io.stdout.write(`${formatDiagnostic(d, paint, load.texts.get(d.range.file))}\n`);
        const files = `${sources.length} file${sources.length === 1 ? '' : 's'}`;
        const manifests = `${load.manifests.length} manifest${load.manifests.length === 1 ? '' : 's'}`;
        io.stdout.write(
          `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} in ${files} (${manifests})\n`,
        );
      }
      io.setExitCode(summary.errors > 0 ? 1 : 0);
    });
}

function relaxUnknownField(d: Diagnostic): Diagnostic {
  return d.code === 'SLIPWAY_SPEC_UNKNOWN_FIELD' ? { ...d, severity: 'warning' } : d;
}
