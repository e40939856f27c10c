import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { DockerfileSyntaxError } from '../errors';
import { checkInstruction } from './check-instruction';

/** A `--name=value` flag of an instruction. */
export interface InstructionFlag {
  readonly name: string;
  readonly value: string | undefined;
}

/** One instruction as written: keyword, 1-based line, flags and the argument text (JSON form decoded). */
export interface DockerfileInstruction {
  readonly keyword: string;
  readonly line: number;
  readonly flags: readonly InstructionFlag[];
  /** The arguments after the flags, line continuations joined. */
  readonly args: string;
  /** The exec (JSON array) form, when the arguments are one. */
  readonly json?: readonly string[];
  /** The text as written, for history and cache keys. */
  readonly text: string;
}

/** One `FROM` and the instructions up to the next. */
export interface DockerfileStage {
  readonly index: number;
  readonly name?: string;
  /** The image as written (variables not yet expanded). */
  readonly base: string;
  readonly platform?: string;
  readonly line: number;
  readonly instructions: readonly DockerfileInstruction[];
}

/** A Dockerfile parsed into the ARGs before the first FROM and its stages. */
export interface ParsedDockerfile {
  readonly file: string;
  readonly escape: string;
  readonly globalArgs: readonly DockerfileInstruction[];
  readonly stages: readonly DockerfileStage[];
}

const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

function flagsOf(instruction: Instruction): InstructionFlag[] {
  const withFlags = instruction as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  if (!FLAGGED.has(instruction.getKeyword().toUpperCase()) || !withFlags.getFlags) return [];
  return withFlags.getFlags().map((flag) => ({ name: flag.getName(), value: flag.getValue() ?? undefined }));
}

/** The exec form: a JSON array of strings; anything else (even starting with `[`) is shell form, as in Docker. */
export function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Turns one dockerfile-ast instruction into Slipway's shape, checking it on the way. */
export function toInstruction(instruction: Instruction, file: string, lineOffset = 0): DockerfileInstruction {
  const keyword = instruction.getKeyword().toUpperCase();
  const line = instruction.getRange().start.line + 1 + lineOffset;
  const args = (instruction.getArgumentsContent() ?? '').trim();
  const json = execForm(args);
  const parsed: DockerfileInstruction = {
    keyword,
    line,
    flags: flagsOf(instruction),
    args,
    ...(json ? { json } : {}),
    text: `${keyword} ${instruction.getRawArgumentsContent() ?? ''}`.replace(/\\\r?\n\s*/g, ' ').trim(),
  };
  checkInstruction(parsed, file);
  return parsed;
}

function fromParts(
  instruction: DockerfileInstruction,
  file: string,
): { base: string; name?: string; platform?: string } {
  const words = instruction.args.split(/\s+/).filter((word) => word !== '');
  const [base, as, name, ...rest] = words;
  const location = { file, line: instruction.line };
  if (base === undefined) throw new DockerfileSyntaxError(location, 'FROM needs an image');
  if (as !== undefined && (as.toUpperCase() !== 'AS' || name === undefined || rest.length > 0)) {
    throw new DockerfileSyntaxError(location, 'FROM takes `IMAGE [AS NAME]`');
  }
  if (name !== undefined && !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) {
    throw new DockerfileSyntaxError(
      location,
      `\`${name}\` is not a valid stage name (letters, digits, _ . -)`,
    );
  }
  const platform = instruction.flags.find((flag) => flag.name === 'platform')?.value;
  return {
    base,
    ...(name ? { name: name.toLowerCase() } : {}),
    ...(platform ? { platform } : {}),
  };
}

/** Parses Dockerfile text; `file` names it in errors, which carry 1-based line numbers. */
export function parseDockerfile(text: string, file = 'Dockerfile'): ParsedDockerfile {
  const document = DockerfileParser.parse(text);
  const globalArgs: DockerfileInstruction[] = [];
  const stages: {
    index: number;
    name?: string;
    base: string;
    platform?: string;
    line: number;
    instructions: DockerfileInstruction[];
  }[] = [];
  for (const node of document.getInstructions()) {
    const instruction = toInstruction(node, file);
    if (instruction.keyword === 'FROM') {
      const parts = fromParts(instruction, file);
      if (parts.name && stages.some((stage) => stage.name === parts.name)) {
        throw new DockerfileSyntaxError(
          { file, line: instruction.line },
          `stage name \`${parts.name}\` is used twice`,
        );
      }
      stages.push({ index: stages.length, line: instruction.line, instructions: [], ...parts });
      continue;
    }
    const current = stages.at(-1);
    if (current) current.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') globalArgs.push(instruction);
    else {
      throw new DockerfileSyntaxError(
        { file, line: instruction.line },
        `${instruction.keyword} comes before any FROM; only ARG may`,
      );
    }
  }
  if (stages.length === 0) {
    throw new DockerfileSyntaxError({ file, line: 1 }, 'the Dockerfile has no FROM instruction');
  }
  return { file, escape: document.getEscapeCharacter(), globalArgs, stages };
}
