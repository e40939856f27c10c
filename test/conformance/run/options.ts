// The runner's command line: `npm run conformance -- [DIR] [--filter S] [--timeout SECONDS] [--concurrency N]
// [--json] [--allow-misses] [--keep-home]`.
import { parseArgs } from 'node:util';
import { CORPUS_DIR } from '../../../packages/core/src/testing/corpus';
import { ConformanceUsageError } from './errors';

/** The runner's settings, validated. */
export interface ConformanceOptions {
  readonly root: string;
  readonly filter: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly json: boolean;
  /** Exit 0 even when some workflow missed its expected phase. */
  readonly allowMisses: boolean;
  readonly keepHome: boolean;
}

function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConformanceUsageError(`${flag} takes a positive number, got \`${text}\``);
  return value;
}

/** Parses `argv` (without node and the script). */
export function parseConformanceArgs(argv: readonly string[]): ConformanceOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      filter: { type: 'string' },
      timeout: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean', default: false },
      'allow-misses': { type: 'boolean', default: false },
      'keep-home': { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1)
    throw new ConformanceUsageError(`give at most one corpus directory, got ${positionals.join(' ')}`);
  return {
    root: positionals[0] ?? CORPUS_DIR,
    filter: values.filter ?? '',
    timeoutMs: positiveNumber('--timeout', values.timeout, 120) * 1000,
    concurrency: Math.floor(positiveNumber('--concurrency', values.concurrency, 3)),
    json: values.json === true,
    allowMisses: values['allow-misses'] === true,
    keepHome: values['keep-home'] === true,
  };
}
