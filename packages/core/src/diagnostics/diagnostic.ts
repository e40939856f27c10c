/** A 1-based line and column in a source file. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** A span of source text: where a value starts and ends, and the file it came from. */
export interface SourceRange {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/** How bad a diagnostic is: errors make `slipway lint` exit 1, warnings do not. */
export type Severity = 'error' | 'warning';

/** One finding about user input, printed as `file:line:col: severity: message [CODE]`. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable identifier such as `SLIPWAY_LINT_UNKNOWN_FIELD`. */
  readonly code: string;
  readonly message: string;
  readonly range: SourceRange;
  /** A concrete fix, e.g. "did you mean `dependencies`?". */
  readonly suggestion?: string;
}
