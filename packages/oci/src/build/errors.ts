import { OciError } from '../errors';

/** Where in a Dockerfile something is: its file name and 1-based line. */
export interface DockerfileLocation {
  readonly file: string;
  readonly line: number;
}

function at(location: DockerfileLocation): string {
  return `${location.file}:${location.line}`;
}

/** A Dockerfile that cannot be parsed or uses an instruction, flag or form wrongly. */
export class DockerfileSyntaxError extends OciError {
  readonly file: string;
  readonly line: number;

  constructor(location: DockerfileLocation, problem: string) {
    super('SLIPWAY_BUILD_DOCKERFILE_SYNTAX', `${at(location)}: ${problem}`);
    this.file = location.file;
    this.line = location.line;
  }
}

/** A build option (build arg, target, context, destination) that cannot be used as given. */
export class BuildOptionsError extends OciError {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super('SLIPWAY_BUILD_OPTIONS', `${option}: ${problem}`);
  }
}

/** A COPY or ADD source that leaves the build context (`..`, an absolute path out, or an escaping symlink). */
export class ContextEscapeError extends OciError {
  constructor(
    readonly location: DockerfileLocation,
    readonly source: string,
    reason: string,
  ) {
    super(
      'SLIPWAY_BUILD_CONTEXT_ESCAPE',
      `${at(location)}: \`${source}\` ${reason}; sources must stay inside the build context — move the file into the context`,
    );
  }
}

/** A COPY or ADD source that matches nothing in the context (or in the stage it copies from). */
export class SourceNotFoundError extends OciError {
  constructor(
    readonly location: DockerfileLocation,
    readonly source: string,
    where: string,
  ) {
    super(
      'SLIPWAY_BUILD_SOURCE_NOT_FOUND',
      `${at(location)}: \`${source}\` matches nothing in ${where}; check the path and .dockerignore`,
    );
  }
}

/** A RUN instruction whose command failed, or whose sandbox could not start. */
export class RunFailedError extends OciError {
  constructor(
    readonly location: DockerfileLocation,
    readonly command: string,
    readonly exitCode: number | undefined,
    detail: string,
  ) {
    super(
      'SLIPWAY_OCI_BUILD_RUN_FAILED',
      `${at(location)}: RUN ${command}: ${detail}${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}`,
    );
  }
}

/** Something the build needs from outside could not be had: an ADD URL, a git context, a cache entry. */
export class BuildFetchError extends OciError {
  constructor(
    readonly what: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_OCI_BUILD_FETCH', `${what}: ${reason}`, options);
  }
}

/** A Kaniko executor flag Slipway does not know (unknown flags are errors, never silently dropped). */
export class UnknownBuildFlagError extends OciError {
  constructor(
    readonly flag: string,
    hint: string,
  ) {
    super('SLIPWAY_BUILD_UNKNOWN_FLAG', `unknown flag \`${flag}\`${hint}`);
  }
}
