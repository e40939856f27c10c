import { type Diagnostic, lint, loadDocuments } from '../../index';

/** Lints YAML texts given as `{ file: text }`, for tests. */
export function lintTexts(files: Record<string, string>): Diagnostic[] {
  return lint(loadDocuments(Object.entries(files).map(([file, text]) => ({ file, text }))));
}

/** `line:col CODE` of each diagnostic, the compact form tests compare. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.code}`);
}

/** A one-template Workflow around the given template YAML (indented as a list item under `templates`). */
export function workflow(templates: string, extraSpec = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
${extraSpec}  templates:
${templates}`;
}
