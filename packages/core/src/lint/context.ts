import type { Diagnostic, Severity, SourceRange } from '../diagnostics/diagnostic';
import type { LoadedManifest, LoadResult } from '../spec/load';
import type { SourceMap } from '../spec/source-map';
import { locateInValue } from './locate-in-value';
import type { TemplateRegistry } from './registry';

/** Options that change what `lint` reports. */
export interface LintOptions {
  /** Report warnings as well as errors (default true). */
  readonly warnings?: boolean;
}

/** What every rule gets: the loaded files, the templates they define, and a way to report findings. */
export class LintContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly load: LoadResult,
    readonly registry: TemplateRegistry,
  ) {}

  /** The position table of everything loaded. */
  get sourceMap(): SourceMap {
    return this.load.sourceMap;
  }

  /** Reports a finding about `parent[key]` (or `parent` itself), falling back to the manifest's range. */
  report(
    manifest: LoadedManifest,
    severity: Severity,
    code: string,
    message: string,
    at: { parent: object; key?: string | number; keyOnly?: boolean },
    suggestion?: string,
  ): void {
    const range =
      (at.key !== undefined && at.keyOnly
        ? this.sourceMap.keyRangeOf(at.parent, at.key)
        : this.sourceMap.rangeOf(at.parent, at.key)) ?? manifest.range;
    this.push({ severity, code, message, range, ...(suggestion ? { suggestion } : {}) });
  }

  /** Reports a finding about characters `offset…offset+length` inside the string `parent[key]`. */
  reportInValue(
    manifest: LoadedManifest,
    severity: Severity,
    code: string,
    message: string,
    at: {
      parent: object;
      key: string | number;
      value: string;
      offset: number;
      length: number;
      needle?: string;
    },
    suggestion?: string,
  ): void {
    const source = this.sourceMap.get(at.parent, at.key);
    const range: SourceRange = source
      ? locateInValue(
          source,
          this.load.texts.get(source.range.file),
          at.value,
          at.offset,
          at.length,
          at.needle,
        )
      : (this.sourceMap.rangeOf(at.parent) ?? manifest.range);
    this.push({ severity, code, message, range, ...(suggestion ? { suggestion } : {}) });
  }

  private push(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }
}
