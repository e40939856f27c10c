import { DockerfileSyntaxError } from '../errors';
import type { DockerfileInstruction } from './parse-dockerfile';

/** The instructions of the Dockerfile language, and the flags each accepts. */
const FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'exclude', 'parents'],
  ADD: ['chown', 'chmod', 'checksum', 'link', 'exclude', 'keep-git-dir'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
  CMD: [],
  ENTRYPOINT: [],
  ENV: [],
  ARG: [],
  LABEL: [],
  MAINTAINER: [],
  EXPOSE: [],
  VOLUME: [],
  USER: [],
  WORKDIR: [],
  SHELL: [],
  STOPSIGNAL: [],
  ONBUILD: [],
};

/** Instructions whose arguments may be empty: none in Docker except HEALTHCHECK NONE's keyword itself. */
const KNOWN = Object.keys(FLAGS);

/** The keywords of the Dockerfile language. */
export function isKnownInstruction(keyword: string): boolean {
  return KNOWN.includes(keyword);
}

/** Checks what can be checked before variables are known: the keyword, its flags, that arguments are there. */
export function checkInstruction(instruction: DockerfileInstruction, file: string): void {
  const location = { file, line: instruction.line };
  const allowed = FLAGS[instruction.keyword];
  if (!allowed) {
    throw new DockerfileSyntaxError(
      location,
      `unknown instruction \`${instruction.keyword}\`; Dockerfiles know ${KNOWN.join(', ')}`,
    );
  }
  for (const flag of instruction.flags) {
    if (!allowed.includes(flag.name)) {
      const known =
        allowed.length > 0 ? `it takes ${allowed.map((name) => `--${name}`).join(', ')}` : 'it takes none';
      throw new DockerfileSyntaxError(
        location,
        `unknown flag --${flag.name} for ${instruction.keyword}; ${known}`,
      );
    }
  }
  if (instruction.args === '') {
    throw new DockerfileSyntaxError(location, `${instruction.keyword} needs arguments`);
  }
  if (
    (instruction.keyword === 'RUN' || instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
    instruction.args.startsWith('<<')
  ) {
    throw new DockerfileSyntaxError(
      location,
      `${instruction.keyword} with a heredoc is not supported; put the text in a file of the context`,
    );
  }
  if (instruction.keyword === 'ONBUILD') {
    const trigger = instruction.args.split(/\s+/)[0]?.toUpperCase() ?? '';
    if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
      throw new DockerfileSyntaxError(location, `ONBUILD ${trigger} is not allowed`);
    }
    if (!FLAGS[trigger])
      throw new DockerfileSyntaxError(location, `unknown instruction \`${trigger}\` after ONBUILD`);
  }
}
