/** The engine conformance runner: runs Argo's example corpus locally with stand-in images. */
export { type Classification, classifyCorpus, type Exclusion, type RunCase } from './classify';
export { ConformanceUsageError } from './errors';
export { type CaseOutcome, executeCase } from './execute';
export { type ConformanceOptions, parseConformanceArgs } from './options';
export {
  type CaseResult,
  type ConformanceReport,
  meetsExpectation,
  resultLine,
  summaryLines,
} from './report';
export { type RunOptions, runCases } from './run-conformance';
