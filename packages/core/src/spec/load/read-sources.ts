import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SlipwayError } from '../../errors';

/** One input text and the name it is reported under. */
export interface Source {
  readonly file: string;
  readonly text: string;
}

/** Options for reading sources; `stdin` is read when a path is `-`. */
export interface ReadSourcesOptions {
  readonly stdin?: () => Promise<string>;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** A path given by the user does not exist or cannot be read. */
export class SourceNotFoundError extends SlipwayError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super('SLIPWAY_LOAD_NOT_FOUND', `cannot read \`${path}\`: no such file or directory`, { cause });
  }
}

/**
 * Reads files, directories (recursively, `.yaml`/`.yml`/`.json`, in name order) and `-` (standard input).
 * Files named explicitly are read whatever their extension.
 */
export async function readSources(
  paths: readonly string[],
  options: ReadSourcesOptions = {},
): Promise<Source[]> {
  const sources: Source[] = [];
  for (const path of paths) {
    if (path === '-') {
      const text = options.stdin ? await options.stdin() : await readStdin();
      sources.push({ file: '<stdin>', text });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new SourceNotFoundError(path, error);
    }
    if (info.isDirectory()) {
      for (const file of await listManifestFiles(path)) {
        sources.push({ file, text: await readFile(file, 'utf8') });
      }
    } else {
      sources.push({ file: path, text: await readFile(path, 'utf8') });
    }
  }
  return sources;
}

async function listManifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await listManifestFiles(path)));
    } else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
  return files;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
