export type { Diagnostic, Position, Severity, SourceRange } from './diagnostics/diagnostic';
export {
  type DiagnosticSummary,
  formatDiagnostic,
  type Painter,
  PLAIN,
  summarize,
} from './diagnostics/format';
export { closestMatch, didYouMean } from './diagnostics/suggest';
export * from './engine';
export { SlipwayError } from './errors';
export type { Executor, ExecutorCallbacks, PodHandle, PodReattachment } from './executor/executor';
export * from './executor/local';
export { type LintOptions, lint, sortDiagnostics } from './lint';
export * from './runner';
export * from './spec/load';
export * from './spec/model';
export { type ScalarStyle, SourceMap, type ValueSource } from './spec/source-map';
export * from './store';
