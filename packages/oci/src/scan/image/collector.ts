import { CatalogueParseError } from '../errors';
import { cataloguerFor } from '../inventory';
import { goBinaryPackages, isElf } from '../inventory/go-binary';
import { OS_RELEASE_PATHS } from '../inventory/os-release';
import { detectSecrets, looksLikeText } from '../secret';
import type { Inventory, OsRelease, Package, SecretFinding, SkippedFile } from '../types';

/** What to look for while files are read. */
export interface CollectOptions {
  /** Inventory packages (default true). */
  readonly packages?: boolean;
  /** Look for secrets in text files (default false). */
  readonly secrets?: boolean;
  /** Paths (relative, `/`-separated) to pass over: `--skip-files` / `--skip-dirs` compiled. */
  readonly skip?: (path: string, isDirectory: boolean) => boolean;
}

/** A regular file offered to the collector. */
export interface CollectedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
  /** The whole content; called at most once, and only for files the collector wants. */
  read(): Promise<Buffer>;
}

interface FileResult {
  readonly layer: number;
  readonly packages: Package[];
  readonly os?: OsRelease;
  readonly secrets: SecretFinding[];
  readonly skipped?: SkippedFile;
}

/** Package databases and lockfiles can be large; binaries larger than this are not searched for Go build info. */
const MAX_DATABASE = 512 * 1024 * 1024;
const MAX_BINARY = 256 * 1024 * 1024;
const MAX_SECRET_FILE = 2 * 1024 * 1024;
// System trees and package stores hold vendor files, not the project's secrets.
const NO_SECRETS =
  /^(?:usr\/(?:share|lib|lib64|include|libexec)|lib|lib64|var\/lib\/(?:dpkg|apk|rpm)|proc|sys)\/|(?:^|\/)(?:node_modules|\.git)\//;
const BINARY_EXTENSION =
  /\.(?:png|jpe?g|gif|ico|webp|pdf|gz|tgz|zip|jar|war|xz|bz2|zst|so(?:\.\d+)*|a|o|pyc|class|woff2?|ttf|mo)$/i;

/**
 * Gathers what files say (packages, OS release, secrets, unreadable files) by path, layer after layer:
 * a file in an upper layer replaces the lower one's result, whiteouts and opaque directories remove them.
 */
export class Collector {
  private readonly results = new Map<string, FileResult>();

  constructor(private readonly options: CollectOptions = {}) {}

  /** Whether a directory's contents should be visited at all. */
  skipsDirectory(path: string): boolean {
    return this.options.skip?.(path, true) ?? false;
  }

  /** Reads `file` if anything is to be learnt from it, replacing what a lower layer said about its path. */
  async add(file: CollectedFile, layer = 0): Promise<void> {
    this.results.delete(file.path);
    if (this.options.skip?.(file.path, false)) return;
    const wantPackages = this.options.packages !== false;
    const cataloguer = wantPackages ? cataloguerFor(file.path) : undefined;
    const executable = wantPackages && (file.mode & 0o111) !== 0 && file.size > 64 && file.size <= MAX_BINARY;
    const secretCandidate =
      this.options.secrets === true &&
      file.size > 0 &&
      file.size <= MAX_SECRET_FILE &&
      !NO_SECRETS.test(file.path) &&
      !BINARY_EXTENSION.test(file.path);
    if (!cataloguer && !executable && !secretCandidate) return;
    if (cataloguer && file.size > MAX_DATABASE) {
      this.results.set(
        file.path,
        this.skip(file.path, layer, `is ${file.size} bytes, over the ${MAX_DATABASE}-byte limit`),
      );
      return;
    }
    const content = await file.read();
    const result: { packages: Package[]; os?: OsRelease; secrets: SecretFinding[]; skipped?: SkippedFile } = {
      packages: [],
      secrets: [],
    };
    try {
      if (cataloguer) {
        const parsed = await cataloguer.parse(file.path, content);
        result.packages.push(...parsed.packages);
        if (parsed.os) result.os = parsed.os;
      } else if (executable && isElf(content)) {
        result.packages.push(...(goBinaryPackages(file.path, content) ?? []));
      }
    } catch (error) {
      if (!(error instanceof CatalogueParseError)) throw error;
      result.skipped = { path: file.path, reason: error.message };
    }
    if (secretCandidate && looksLikeText(content)) {
      result.secrets.push(...detectSecrets(file.path, content.toString('utf8')));
    }
    if (result.packages.length > 0 || result.os || result.secrets.length > 0 || result.skipped) {
      this.results.set(file.path, { layer, ...result });
    }
  }

  /** A whiteout in `layer`: `path` and everything under it from lower layers is gone. */
  remove(path: string, layer: number): void {
    this.removeUnder(path, layer, true);
  }

  /** An opaque directory in `layer`: what lower layers had under `dir` is hidden. */
  opaque(dir: string, layer: number): void {
    this.removeUnder(dir, layer, false);
  }

  /** The inventory and secrets of everything collected. */
  finish(): { inventory: Inventory; secrets: SecretFinding[] } {
    let os: OsRelease | undefined;
    for (const path of OS_RELEASE_PATHS) {
      os ??= this.results.get(path)?.os;
    }
    const packages: Package[] = [];
    const skipped: SkippedFile[] = [];
    const secrets: SecretFinding[] = [];
    const paths = [...this.results.keys()].sort();
    for (const path of paths) {
      const result = this.results.get(path) as FileResult;
      packages.push(...result.packages);
      secrets.push(...result.secrets);
      if (result.skipped) skipped.push(result.skipped);
    }
    return { inventory: { ...(os ? { os } : {}), packages, skipped }, secrets };
  }

  private skip(path: string, layer: number, reason: string): FileResult {
    return { layer, packages: [], secrets: [], skipped: { path, reason: `${path}: ${reason}` } };
  }

  private removeUnder(path: string, layer: number, itself: boolean): void {
    const prefix = path === '' ? '' : `${path}/`;
    for (const [key, result] of this.results) {
      if (result.layer >= layer) continue;
      if ((itself && key === path) || key.startsWith(prefix)) this.results.delete(key);
    }
  }
}
