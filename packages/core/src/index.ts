export type { Diagnostic, Position, Severity, SourceRange } from './diagnostics/diagnostic';
export { formatDiagnostic, PLAIN, summarize, type DiagnosticSummary, type Painter } from './diagnostics/format';
export { closestMatch, didYouMean } from './diagnostics/suggest';
export { SlipwayError } from './errors';
export { lint, sortDiagnostics, type LintOptions } from './lint';
export * from './spec/load';
export * from './spec/model';
export { SourceMap, type ScalarStyle, type ValueSource } from './spec/source-map';
