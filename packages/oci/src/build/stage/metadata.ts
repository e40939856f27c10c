import { posix } from 'node:path';
import type { ImageConfig } from '../../model/descriptors';
import { type DockerfileInstruction, execForm } from '../dockerfile/parse-dockerfile';
import { shellWord, shellWords, type Variables } from '../dockerfile/shell-words';
import { DockerfileSyntaxError } from '../errors';

type RunConfig = NonNullable<ImageConfig['config']>;

/** What a metadata instruction needs besides itself. */
export interface MetadataContext {
  readonly file: string;
  readonly vars: Variables;
  readonly escape: string;
  /** Whether CMD was set in this stage (ENTRYPOINT clears an inherited CMD only). */
  readonly cmdSetHere: boolean;
}

/** The default shell of shell-form instructions. */
export const DEFAULT_SHELL = ['/bin/sh', '-c'];

/** `key=value` words (ENV, LABEL, ARG), or the old `ENV key value` form. */
export function keyValues(
  instruction: DockerfileInstruction,
  ctx: Pick<MetadataContext, 'file' | 'vars' | 'escape'>,
): [string, string][] {
  const words = shellWords(instruction.args, ctx.vars, ctx.escape);
  const location = { file: ctx.file, line: instruction.line };
  const first = words[0] ?? '';
  if (!first.includes('=') && instruction.keyword === 'ENV') {
    const value = shellWord(
      instruction.args.slice(instruction.args.indexOf(first) + first.length),
      ctx.vars,
      ctx.escape,
    );
    if (value === '')
      throw new DockerfileSyntaxError(location, `ENV ${first} needs a value (ENV ${first}=VALUE)`);
    return [[first, value]];
  }
  return words.map((word) => {
    const equals = word.indexOf('=');
    if (equals <= 0) {
      if (instruction.keyword === 'ARG') return [word, ''];
      throw new DockerfileSyntaxError(
        location,
        `${instruction.keyword} takes KEY=VALUE pairs; \`${word}\` has no \`=\``,
      );
    }
    return [word.slice(0, equals), word.slice(equals + 1)];
  });
}

/** Sets `name=value` in an env list, replacing an earlier value. */
export function setEnv(env: readonly string[], name: string, value: string): string[] {
  return [...env.filter((entry) => entry.split('=')[0] !== name), `${name}=${value}`];
}

/** The env list as a map. */
export function envMap(env: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of env ?? []) {
    const equals = entry.indexOf('=');
    if (equals > 0) map.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return map;
}

function commandOf(instruction: DockerfileInstruction, config: RunConfig): string[] {
  return instruction.json ? [...instruction.json] : [...(config.Shell ?? DEFAULT_SHELL), instruction.args];
}

const DURATION = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/;
const NANOS: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

function duration(text: string, location: { file: string; line: number }, flag: string): number {
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)/.exec(rest);
    if (!match)
      throw new DockerfileSyntaxError(location, `--${flag}=${text} is not a duration (e.g. 30s, 1m30s)`);
    total += Number(match[1]) * (NANOS[match[2] ?? 's'] ?? 1e9);
    rest = rest.slice(match[0].length);
  }
  return DURATION.test(text) || total > 0 ? Math.round(total) : 0;
}

function healthcheck(instruction: DockerfileInstruction, location: { file: string; line: number }): unknown {
  const [kind = '', ...rest] = instruction.args.split(/\s+/);
  if (kind.toUpperCase() === 'NONE') return { Test: ['NONE'] };
  if (kind.toUpperCase() !== 'CMD')
    throw new DockerfileSyntaxError(location, 'HEALTHCHECK takes `NONE` or `[OPTIONS] CMD command`');
  const text = instruction.args.slice(kind.length).trim();
  const json = execForm(text);
  const check: Record<string, unknown> = {
    Test: json ? ['CMD', ...json] : ['CMD-SHELL', rest.length > 0 ? text : ''],
  };
  for (const flag of instruction.flags) {
    const value = flag.value ?? '';
    if (flag.name === 'retries') {
      const retries = Number(value);
      if (!Number.isInteger(retries) || retries < 0)
        throw new DockerfileSyntaxError(location, `--retries=${value} is not a whole number`);
      check.Retries = retries;
    } else {
      const key = {
        interval: 'Interval',
        timeout: 'Timeout',
        'start-period': 'StartPeriod',
        'start-interval': 'StartInterval',
      }[flag.name];
      if (key) check[key] = duration(value, location, flag.name);
    }
  }
  return check;
}

/**
 * Applies a metadata instruction (everything but FROM, RUN, COPY, ADD, ARG) to an image config, in place.
 * Returns whether the instruction set CMD.
 */
export function applyMetadata(
  config: ImageConfig,
  instruction: DockerfileInstruction,
  ctx: MetadataContext,
): void {
  config.config ??= {};
  const run: RunConfig = config.config;
  const location = { file: ctx.file, line: instruction.line };
  const words = () => shellWords(instruction.args, ctx.vars, ctx.escape);
  switch (instruction.keyword) {
    case 'ENV':
      for (const [name, value] of keyValues(instruction, ctx)) run.Env = setEnv(run.Env ?? [], name, value);
      return;
    case 'LABEL':
      run.Labels = { ...(run.Labels ?? {}), ...Object.fromEntries(keyValues(instruction, ctx)) };
      return;
    case 'MAINTAINER':
      config.author = shellWord(instruction.args, ctx.vars, ctx.escape);
      return;
    case 'EXPOSE': {
      const ports = { ...(run.ExposedPorts ?? {}) };
      for (const word of words()) {
        if (!/^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(word))
          throw new DockerfileSyntaxError(location, `EXPOSE \`${word}\` is not PORT[/PROTOCOL]`);
        ports[word.includes('/') ? word.toLowerCase() : `${word}/tcp`] = {};
      }
      run.ExposedPorts = ports;
      return;
    }
    case 'VOLUME': {
      const volumes = { ...(run.Volumes ?? {}) };
      for (const volume of instruction.json ?? words()) volumes[volume] = {};
      run.Volumes = volumes;
      return;
    }
    case 'CMD':
      run.Cmd = commandOf(instruction, run);
      return;
    case 'ENTRYPOINT':
      run.Entrypoint = commandOf(instruction, run);
      if (!ctx.cmdSetHere) run.Cmd = null;
      return;
    case 'USER':
      run.User = shellWord(instruction.args, ctx.vars, ctx.escape);
      return;
    case 'WORKDIR':
      run.WorkingDir = posix.resolve(
        run.WorkingDir || '/',
        shellWord(instruction.args, ctx.vars, ctx.escape),
      );
      return;
    case 'SHELL':
      if (!instruction.json || instruction.json.length === 0)
        throw new DockerfileSyntaxError(location, 'SHELL takes a JSON array, e.g. SHELL ["/bin/sh", "-c"]');
      run.Shell = [...instruction.json];
      return;
    case 'STOPSIGNAL':
      run.StopSignal = shellWord(instruction.args, ctx.vars, ctx.escape);
      return;
    case 'HEALTHCHECK':
      run.Healthcheck = healthcheck(instruction, location);
      return;
    case 'ONBUILD':
      run.OnBuild = [...(run.OnBuild ?? []), instruction.args];
      return;
  }
}
